package io.tdnet.cli;

import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.local.PipelineEnvironment;
import io.tdnet.model.ExecutionSummary;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --date D} or {@code --execution ID}: which execution {@code status} and {@code report} show. */
final class ExecutionChoice {
    @Option(names = "--date", paramLabel = "D", converter = Dates.class, description = "The latest execution of this date.")
    LocalDate date;

    @Option(names = "--execution", paramLabel = "ID", description = "One execution by id (instead of the latest of --date).")
    String executionId;

    boolean given() {
        return date != null || executionId != null;
    }

    /** The chosen execution; when there is none, says so on {@code err} (the caller exits with a usage code). */
    Optional<ExecutionSummary> find(ExecutionQueries queries, PipelineEnvironment env, PrintWriter err) {
        Optional<ExecutionSummary> found = executionId != null ? queries.summary(executionId) : queries.latestFor(date);
        if (found.isEmpty()) {
            err.println("tdnet: no execution " + (executionId != null ? executionId : "for " + date) + " in " + env.describe());
        }
        return found;
    }
}
