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
     * A reserved slot and the end of the quiet span ({@link #holdUntil()}) read by the same operation, so a
     * sender whose slot is near learns of a push-back without a read of its own.
     */
    record Reservation(long slot, long holdUntil) {}

    /** The server asked for quiet until {@code untilMicros}: no slot before it, and senders holding one give it up. */
    void hold(long untilMicros);

    /** The end of the latest quiet span asked for by the server (0 when none): a strongly consistent read. */
    long holdUntil();
}
