package io.tdnet.local;

import io.tdnet.model.ExecutionStatus;

/**
 * How collecting one date ended, from best to worst; the CLI turns it into its exit code
 * (docs/ARCHITECTURE.md, CLI contract).
 */
public enum DayOutcome {
    /** Settled, nothing failed. */
    SETTLED,
    /** Settled with recorded failures. */
    SETTLED_WITH_FAILURES,
    /** The day could not be read completely: the execution is FAILED and nothing was enqueued. */
    INCOMPLETE,
    /** Disclosures still have no outcome (the workers gave up waiting); running again continues. */
    UNSETTLED;

    /** The worse of two outcomes (a range of dates ends with its worst day). */
    public DayOutcome worst(DayOutcome other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** The outcome of a settled (or unsettled) execution's status. */
    static DayOutcome of(ExecutionStatus status) {
        return switch (status) {
            case COMPLETED -> SETTLED;
            case COMPLETED_WITH_FAILURES -> SETTLED_WITH_FAILURES;
            default -> UNSETTLED;
        };
    }
}
