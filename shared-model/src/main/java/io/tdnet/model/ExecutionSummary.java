package io.tdnet.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The {@code #SUMMARY} row of an execution. Counters are exact: they move only with an outcome. */
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
        long failed,
        OffsetDateTime startedAt,
        OffsetDateTime updatedAt,
        OffsetDateTime finishedAt) {

    /** Every listed disclosure has an outcome (docs/ARCHITECTURE.md invariant 1). */
    public boolean allAccountedFor() {
        return stored + alreadyPresent + failed == listed;
    }

    public long pending() {
        return listed - stored - alreadyPresent - failed;
    }
}
