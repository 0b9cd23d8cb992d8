package io.tdnet.wiring.pacing;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one process knows of the schedule's quiet span (the end of the last {@code Retry-After} push): the
 * latest {@code hold_us} any answer of the store carried — a reservation of any of its threads, a read —
 * and the instant the freshest such answer was asked for. Every push a store operation saw is in what it
 * answered, and a hold only ever moves later, so the latest hold and the latest instant are sound together:
 * a push the store carried out before {@link #asOfMicros} is never later than {@link #holdUntil}. A sender
 * whose check would start at {@code from} may use this instead of its own read when it is as of
 * {@code from} or later — the read would see no more.
 */
final class KnownQuietSpan {
    private record Known(long holdUntil, long asOfMicros) {}

    private final AtomicReference<Known> known = new AtomicReference<>(new Known(0, Long.MIN_VALUE));

    /** An answer asked for at {@code askedMicros} carried {@code holdUntil}. */
    void learn(long holdUntil, long askedMicros) {
        Known news = new Known(holdUntil, askedMicros);
        known.accumulateAndGet(news, (a, b) -> new Known(Math.max(a.holdUntil(), b.holdUntil()),
                Math.max(a.asOfMicros(), b.asOfMicros())));
    }

    /**
     * This process set {@code holdUntil} itself (a push-back): the hold is at least that, but nothing is
     * learnt of pushes by others, so the freshness stays as it was.
     */
    void pushed(long holdUntil) {
        learn(holdUntil, Long.MIN_VALUE);
    }

    /** The end of the quiet span as the store had it at {@code fromMicros} or later; empty when nothing that fresh is known. */
    OptionalLong asOf(long fromMicros) {
        Known k = known.get();
        return k.asOfMicros() >= fromMicros ? OptionalLong.of(k.holdUntil()) : OptionalLong.empty();
    }

    long holdUntil() {
        return known.get().holdUntil();
    }

    long asOfMicros() {
        return known.get().asOfMicros();
    }
}
