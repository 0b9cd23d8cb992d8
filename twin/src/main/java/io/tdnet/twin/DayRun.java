package io.tdnet.twin;

import io.tdnet.model.ExecutionSummary;
import io.tdnet.twin.aws.CheckReport;
import io.tdnet.twin.lambda.FunctionFigures;
import io.tdnet.twin.lambda.InvocationResult;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One day run through the twin: the lister's invocation, the execution as the ledger recorded it, the
 * functions' figures and the cross-checks over everything the twin saw so far.
 *
 * @param date      the TDnet day
 * @param lister    how the scheduled lister invocation ended
 * @param summary   the execution's summary row, if the lister recorded one
 * @param settled   whether the execution settled and both queues drained within the timeout
 * @param wallTime  from the schedule firing to settled (or the timeout)
 * @param figures   per function logical id
 * @param checks    IAM, metric identity, environment
 */
public record DayRun(LocalDate date, InvocationResult lister, Optional<ExecutionSummary> summary, boolean settled,
                     Duration wallTime, Map<String, FunctionFigures> figures, List<CheckReport> checks) {
    public DayRun {
        figures = Map.copyOf(figures);
        checks = List.copyOf(checks);
    }

    /** Whether every cross-check passed. */
    public boolean checksPassed() {
        return checks.stream().allMatch(CheckReport::passed);
    }

    /** The same figures {@code collect} prints, on one line. */
    public String summaryLine() {
        return summary.map(s -> String.format("%s: %s — listed %,d · stored %,d · already present %,d · failed %,d · withdrawn %,d (%s) in %.1f s",
                        date, s.status(), s.listed(), s.stored(), s.alreadyPresent(), s.failed(), s.withdrawn(),
                        s.allAccountedFor() ? "listed = stored + already_present + failed" : s.pending() + " without outcome",
                        wallTime.toMillis() / 1000.0))
                .orElse(date + ": no execution recorded — the lister ended " + lister.status()
                        + (lister.errorMessage() == null ? "" : ": " + lister.errorType() + ": " + lister.errorMessage()));
    }
}
