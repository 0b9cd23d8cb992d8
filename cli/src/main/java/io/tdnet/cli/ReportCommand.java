package io.tdnet.cli;

import io.tdnet.local.PipelineEnvironment;
import io.tdnet.local.RunTelemetry;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.telemetry.InMemoryMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page about an execution: summary and status history, counters,",
                "queue depth and throughput over the run, retries and waits, and the failures with the command to recover them."})
final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin EnvironmentOptions environment;

    @Option(names = "--date", paramLabel = "D", converter = Dates.class, description = "The latest execution of this date.")
    LocalDate date;

    @Option(names = "--execution", paramLabel = "ID", description = "One execution by id (instead of the latest of --date).")
    String executionId;

    @Option(names = "--output", paramLabel = "FILE.html",
            description = "Where to write it (default: <data-dir>/reports/<date>-<execution_id>.html).")
    Path output;

    @Override
    public Integer call() {
        if (date == null && executionId == null) throw new IllegalArgumentException("give --date D or --execution ID");
        try (PipelineEnvironment env = environment.open()) {
            var r = env.resources();
            Clock clock = Clock.systemUTC();
            ExecutionQueries queries = new ExecutionQueries(env.dynamoDb(), r.executionsTable());
            Optional<ExecutionSummary> found = executionId != null ? queries.summary(executionId) : queries.latestFor(date);
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("tdnet: no execution " + (executionId != null ? executionId : "for " + date)
                        + " in " + env.describe());
                return ExitCodes.USAGE;
            }
            if (date != null && !found.get().targetDate().equals(date)) {
                throw new IllegalArgumentException("execution " + executionId + " is of " + found.get().targetDate() + ", not " + date);
            }
            RunTelemetry telemetry = new RunTelemetry(env, queries, new InMemoryMetrics(), environment.dataDir, Duration.ofSeconds(1),
                    "report", environment.commandSuffix(), clock);
            Path written = telemetry.writeReport(found.get().executionId(), output);
            spec.commandLine().getOut().println(written);
            return ExitCodes.OK;
        }
    }
}
