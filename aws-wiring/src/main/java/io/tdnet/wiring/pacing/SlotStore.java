package io.tdnet.wiring.pacing;

import io.tdnet.model.SlotSpacing;

/**
 * Where the deployment's one slot schedule toward TDnet lives: {@link DynamoSlotStore} on AWS and on
 * DynamoDB Local alike; tests use an in-memory one. Times are microseconds since the epoch on the
 * schedule's time line.
 */
public interface SlotStore {
    /**
     * Reserves the next slot: {@code slot = max(now, next)}, {@code next = slot + spacing}, atomically for
     * every process sharing the store; the answer also carries the quiet span as the store had it then.
     *
     * @throws RateConflictException the schedule is in use at another rate
     */
    default Reservation reserve(long nowMicros, SlotSpacing spacing) {
        return reserve(nowMicros, spacing, 0);
    }

    /**
     * As {@link #reserve(long, SlotSpacing)}, with the slot after this one {@code padMicros} further away
     * ({@code next = slot + spacing + pad}): for a send whose request may reach the wire later after its
     * instant than the spacing's budget allows ({@link SlotSpacing#COLD_SEND_PAD}).
     */
    Reservation reserve(long nowMicros, SlotSpacing spacing, long padMicros);

    /**
     * A reserved slot and the schedule's pushes ({@link #pushes()}) as the same operation saw them, so a
     * sender whose slot is near learns of a push-back without a read of its own.
     */
    record Reservation(long slot, Pushes pushes) {}

    /**
     * What has moved the schedule's slots after they were reserved; both only ever grow.
     *
     * @param holdUntil end of the latest quiet span a server asked for ({@code Retry-After}; 0 when none):
     *     a slot before it is given up
     * @param shift how far, in all, late senders that kept their slots ({@link #shift}) moved every slot
     *     reserved and not yet sent: a slot reserved when the shift was {@code a} and checked when it is
     *     {@code b} is sent {@code b − a} later
     */
    record Pushes(long holdUntil, long shift) {
        public static final Pushes NONE = new Pushes(0, 0);

        /** The later of each: what two answers together say, since neither ever moves back. */
        Pushes latest(Pushes other) {
            return new Pushes(Math.max(holdUntil, other.holdUntil), Math.max(shift, other.shift));
        }
    }

    /** The server asked for quiet until {@code untilMicros}: no slot before it, and senders holding one give it up. */
    void hold(long untilMicros);

    /**
     * A sender that woke late keeps its slot: every slot not yet sent, and the next free one, moves
     * {@code micros} later (one atomic update of the shift and of {@code next}). Returns the pushes after it.
     */
    Pushes shift(long micros);

    /** The schedule's pushes as they are now: a strongly consistent read. */
    Pushes pushes();
}
