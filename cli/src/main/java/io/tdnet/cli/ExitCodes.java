package io.tdnet.cli;

import io.tdnet.local.DayOutcome;

/** The CLI's exit codes (docs/ARCHITECTURE.md, CLI contract). */
final class ExitCodes {
    private ExitCodes() {}

    /** Settled, nothing failed. */
    static final int OK = 0;
    /** Anything else fatal. */
    static final int FATAL = 1;
    /** Bad usage or input. */
    static final int USAGE = 2;
    /** Settled with recorded failures. */
    static final int FAILURES = 3;
    /** The day could not be read completely (execution FAILED, with the reason), or is outside TDnet's window. */
    static final int INCOMPLETE = 4;

    /** The exit code of collecting a date (or a range: its worst day). */
    static int of(DayOutcome outcome) {
        return switch (outcome) {
            case SETTLED -> OK;
            case SETTLED_WITH_FAILURES -> FAILURES;
            case INCOMPLETE -> INCOMPLETE;
            case UNSETTLED -> FATAL;
        };
    }

    static int worst(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int code) {
        return switch (code) {
            case OK -> 0;
            case FAILURES -> 1;
            case INCOMPLETE -> 2;
            case USAGE -> 3;
            default -> 4;
        };
    }
}
