package io.tdnet.model;

import java.time.Duration;
import java.time.Instant;

/**
 * The politeness limit toward TDnet as the HTTP component sees it: a permit is taken right before a
 * request goes on the wire, and a server's {@code Retry-After} is handed back so that no permit is
 * given before it. The deployment's pacer is the shared slot schedule (aws-wiring's {@code SharedPacer},
 * one DynamoDB item for every process), which is why the push-back is an absolute {@link Instant}
 * rather than a local duration.
 */
public interface Pacer {
    /** Blocks until the caller may send one request; returns how long it waited. */
    Duration acquire() throws InterruptedException;

    /**
     * A slot for a caller that connects before it sends: returns about {@code connectLead} before the
     * slot; the caller connects, then asks {@link Slot#send()} right before writing the request. So the
     * connection (TCP, TLS) is set up near the slot — never held idle for longer than the lead — and the
     * limit holds for the instant the request goes out, not for when the permit was taken.
     */
    default Slot reserve(Duration connectLead) throws InterruptedException {
        Duration waited = acquire();
        return new Slot() {
            @Override
            public boolean send() {
                return true;
            }

            @Override
            public Duration waited() {
                return waited;
            }
        };
    }

    /** A reserved slot, to be confirmed right before the request is written. */
    interface Slot {
        /**
         * Waits for the slot; true: send now. False: the slot was missed by more than the schedule's
         * tolerance (a slow connect, a delayed thread) — send nothing, drop the connection and reserve again.
         */
        boolean send() throws InterruptedException;

        /** How long the caller has waited since it asked for the slot. */
        Duration waited();

        /**
         * The request has just been written to the wire. A write that ended later than the slot allows (the
         * thread was preempted or paused between {@link #send()} and the write) moves every later slot by
         * as much, so the requests after it keep their distance from the instant it actually went out.
         */
        default void written() {}
    }

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
