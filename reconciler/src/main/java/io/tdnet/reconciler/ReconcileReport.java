package io.tdnet.reconciler;

import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionSummary;
import java.util.List;

/**
 * What one reconciler run did (or, dry, would do): outcomes recorded FAILED with their reason, the
 * executions it looked at as they are now, and how many are unsettled past their deadline.
 */
public record ReconcileReport(List<Gone> gone, List<ExecutionSummary> executions, long unsettledPastDeadline,
                              boolean dryRun) {

    /** One outcome whose message can no longer arrive. */
    public record Gone(String executionId, DisclosureId disclosureId, GoneReason reason) {}

    public ReconcileReport {
        gone = List.copyOf(gone);
        executions = List.copyOf(executions);
    }

    public long settled() {
        return executions.stream().filter(e -> e.status().isSettled()).count();
    }
}
