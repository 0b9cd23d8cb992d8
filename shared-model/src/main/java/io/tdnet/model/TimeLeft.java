package io.tdnet.model;

import java.time.Duration;

/**
 * How long the current invocation may still run: the Lambda context's remaining time, or unbounded in
 * the local worker loops. A consumer starts no message it could not finish in it.
 */
@FunctionalInterface
public interface TimeLeft {
    Duration remaining();

    /** From a millisecond counter such as the Lambda context's {@code getRemainingTimeInMillis}. */
    static TimeLeft ofMillis(java.util.function.IntSupplier millis) {
        return () -> Duration.ofMillis(millis.getAsInt());
    }

    /** No deadline (local worker loops, tests). */
    TimeLeft UNBOUNDED = () -> Duration.ofSeconds(Long.MAX_VALUE);
}
