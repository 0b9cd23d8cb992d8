package io.tdnet.model;

/**
 * LISTING → RUNNING → COMPLETED | COMPLETED_WITH_FAILURES (→ COMPLETED after a successful redrive),
 * or FAILED when the list itself could not be read completely.
 */
public enum ExecutionStatus {
    LISTING, RUNNING, COMPLETED, COMPLETED_WITH_FAILURES, FAILED;

    /** Settled: nothing of this execution is still in flight. */
    public boolean isSettled() {
        return this == COMPLETED || this == COMPLETED_WITH_FAILURES || this == FAILED;
    }
}
