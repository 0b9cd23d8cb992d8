package io.tdnet.model;

import java.time.Duration;
import java.time.Instant;

/**
 * The politeness limit toward TDnet as the HTTP component sees it: a permit is taken right before a
 * request goes on the wire, and a server's {@code Retry-After} is handed back so that no permit is
 * given before it. Today one in-process {@link RequestPacer} per process; a pacer shared by every
 * process (DynamoDB-backed) implements the same two calls, which is why the push-back is an absolute
 * {@link Instant} rather than a local duration.
 */
public interface Pacer {
    /** Blocks until the caller may send one request; returns how long it waited. */
    Duration acquire() throws InterruptedException;

    /** The server asked for quiet until {@code until}: no permit is handed out before it. */
    void pushBack(Instant until);

    /** No limit at all (the unthrottled demo and benchmarks). */
    static Pacer unthrottled() {
        return Unthrottled.INSTANCE;
    }

    /** The pacer that never waits; a push-back is ignored, as the run asked for no politeness. */
    enum Unthrottled implements Pacer {
        INSTANCE;

        @Override
        public Duration acquire() {
            return Duration.ZERO;
        }

        @Override
        public void pushBack(Instant until) {
            // unthrottled runs (benchmarks against the fake) ignore the server's wish by design
        }
    }
}
