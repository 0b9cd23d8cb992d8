package io.tdnet.tdnetclient;

import java.time.Duration;

/**
 * A request to TDnet that did not give a usable answer, classified once, here: {@link Kind#TRANSIENT}
 * is worth another attempt (timeout, reset, truncated body, 408/425/429/5xx), {@link Kind#PERMANENT} is
 * not (404/410 and other 4xx, a redirect, a URL outside the origin, a body its reader refused).
 */
public final class TdnetFailure extends Exception {
    /** Whether retrying the same request can change the answer. */
    public enum Kind { TRANSIENT, PERMANENT }

    /** {@link #status()} when no HTTP status was received. */
    public static final int NO_STATUS = 0;

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    private TdnetFailure(Kind kind, String reason, int status, Duration retryAfter, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** Worth another attempt; {@code retryAfter} is the server's wish, or null. */
    public static TdnetFailure transientFailure(String reason, int status, Duration retryAfter, Throwable cause) {
        return new TdnetFailure(Kind.TRANSIENT, reason, status, retryAfter, cause);
    }

    /** Retrying cannot help. */
    public static TdnetFailure permanent(String reason, int status) {
        return new TdnetFailure(Kind.PERMANENT, reason, status, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }

    /** The HTTP status, or {@link #NO_STATUS} for a failure before or without one. */
    public int status() {
        return status;
    }

    /** The server's {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
