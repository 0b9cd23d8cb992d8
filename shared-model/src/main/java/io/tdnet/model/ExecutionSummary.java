package io.tdnet.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The {@code #SUMMARY} row of an execution. Counters are exact: they move only with an outcome.
 * {@code inFlight} counts listed disclosures that an earlier, still unsettled execution of the same
 * date had already queued: that execution accounts for them, this one does not enqueue them again.
 */
public record ExecutionSummary(
        String executionId,
        LocalDate targetDate,
        ExecutionStatus status,
        String reason,
        Long bannerTotal,
        long listed,
        long withdrawn,
        long stored,
        long alreadyPresent,
        long inFlight,
        long failed,
        OffsetDateTime startedAt,
        OffsetDateTime updatedAt,
        OffsetDateTime finishedAt) {

    /** Every listed disclosure has an outcome: listed = stored + already_present + in_flight + failed (docs/ARCHITECTURE.md invariant 1). */
    public boolean allAccountedFor() {
        return stored + alreadyPresent + inFlight + failed == listed;
    }

    public long pending() {
        return listed - stored - alreadyPresent - inFlight - failed;
    }
}
