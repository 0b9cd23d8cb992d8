package io.tdnet.reconciler;

import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** The counts the reconciler Lambda returns (its invocation result, seen in the console and logs). */
    public Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("executions", executions.size());
        counts.put("settled", settled());
        counts.put("dead_lettered", gone.stream().filter(g -> g.reason() == GoneReason.DEAD_LETTERED).count());
        counts.put("lost", gone.stream().filter(g -> g.reason() == GoneReason.LOST).count());
        counts.put("unsettled_past_deadline", unsettledPastDeadline);
        return counts;
    }
}
