package io.tdnet.local;

/** The CLI's exit codes (DESIGN.md, CLI contract). */
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
