package io.tdnet.wiring.pacing;

import io.tdnet.wiring.pacing.SlotStore.Pushes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one process knows of the schedule's {@link Pushes} (the end of the last {@code Retry-After} quiet
 * span, the shift late senders made): the latest of each that any answer of the store carried — a
 * reservation of any of its threads, a read, a shift of its own — and the instant the freshest such
 * answer was asked for. Every push a store operation saw is in what it answered, and pushes only ever grow,
 * so the latest pushes and the latest instant are sound together: a push the store carried out before
 * {@link #asOfMicros} is in {@link #pushes}. A sender whose check would start at {@code from} may use this
 * instead of its own read when it is as of {@code from} or later — the read would see no more.
 */
final class KnownPushes {
    private record Known(Pushes pushes, long asOfMicros) {}

    private final AtomicReference<Known> known = new AtomicReference<>(new Known(Pushes.NONE, Long.MIN_VALUE));

    /** An answer asked for at {@code askedMicros} carried {@code pushes}. */
    void learn(Pushes pushes, long askedMicros) {
        Known news = new Known(pushes, askedMicros);
        known.accumulateAndGet(news, (a, b) -> new Known(a.pushes().latest(b.pushes()), Math.max(a.asOfMicros(), b.asOfMicros())));
    }

    /**
     * This process set the hold itself (a push-back): the hold is at least {@code holdUntil}, but nothing is
     * learnt of pushes by others, so the freshness stays as it was.
     */
    void pushed(long holdUntil) {
        learn(new Pushes(holdUntil, 0), Long.MIN_VALUE);
    }

    /** The pushes as the store had them at {@code fromMicros} or later; empty when nothing that fresh is known. */
    Optional<Pushes> asOf(long fromMicros) {
        Known k = known.get();
        return k.asOfMicros() >= fromMicros ? Optional.of(k.pushes()) : Optional.empty();
    }

    Pushes pushes() {
        return known.get().pushes();
    }

    long asOfMicros() {
        return known.get().asOfMicros();
    }
}
