package io.tdnet.report;

import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.OutcomeRow;
import io.tdnet.model.StatusChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one run report shows: the execution as the ledger has it, its failures, and (when the run
 * was local) the samples and metrics the run recorded.
 *
 * @param run empty when nothing was recorded (the execution ran on AWS, or before samples existed)
 * @param commandSuffix appended to every command the report prints (e.g. {@code --data-dir tdnet-data}),
 *     so a copied command acts on the same archive
 */
public record RunReport(
        ExecutionSummary summary,
        List<StatusChange> history,
        List<OutcomeRow> failures,
        Optional<RunRecord> run,
        String commandSuffix,
        Instant generatedAt) {

    public RunReport {
        history = List.copyOf(history);
        failures = List.copyOf(failures);
        commandSuffix = commandSuffix == null ? "" : commandSuffix;
    }

    /** The command that moves every failed document of the date back from the DLQ and settles it again. */
    public String redriveCommand() {
        return "tdnet dlq redrive --date " + summary.targetDate() + commandSuffix;
    }

    /** The command that redrives one failure, or empty for a rejected row (never fetched, nothing in a DLQ). */
    public Optional<String> redriveCommand(OutcomeRow failure) {
        if (failure.disclosureId() == null) return Optional.empty();
        return Optional.of("tdnet dlq redrive --disclosure " + failure.disclosureId().value() + commandSuffix);
    }
}
