package io.tdnet.model;

import java.time.Duration;

/**
 * How long the queues keep messages, derived from how long a message can keep being retried.
 *
 * <p>A standard queue keeps a message's original enqueue time when it moves to the DLQ, so a message that
 * spent days being retried arrives in the DLQ with those days already gone. AWS's guidance: make the
 * DLQ's retention longer than the source's. Here every DLQ keeps {@link #DLQ_RETENTION} (14 days, the
 * SQS maximum) and every source queue {@link #SOURCE_RETENTION} = DLQ retention − {@link #DLQ_MARGIN}
 * (7 days), so even a message moved at the last moment the source would have kept it still has 7 days in
 * the DLQ for an operator to redrive it. The source retention must itself cover the
 * {@link #retryHorizon worst-case retry horizon}, or a message would expire silently while still being
 * retried; {@code infra} checks that when it builds the queues and its template tests assert it.
 */
public final class QueueRetention {
    /** SQS's maximum visibility timeout: no wait between two deliveries is longer. */
    public static final Duration SQS_MAX_VISIBILITY = Duration.ofHours(12);
    /** Every DLQ keeps messages this long (the SQS maximum). */
    public static final Duration DLQ_RETENTION = Duration.ofDays(14);
    /** The least time a message has left in its DLQ, however long it was retried before. */
    public static final Duration DLQ_MARGIN = Duration.ofDays(7);
    /** Every source queue keeps messages this long. */
    public static final Duration SOURCE_RETENTION = DLQ_RETENTION.minus(DLQ_MARGIN);

    private QueueRetention() {}

    /**
     * The longest time from a message's first delivery to the end of its last one when every delivery
     * fails: {@code maxReceiveCount − 1} waits of at most {@code longestWait} each (the visibility
     * timeout, counted from when the consumer gives the message back, at the latest its timeout), and
     * {@code maxReceiveCount} deliveries of at most {@code consumerTimeout} each. The waits are
     * {@link SettleHorizon#retryPath} with every wait at its longest.
     *
     * <p>Not {@link SettleHorizon}'s quantity, on purpose: the settle horizon follows the retry schedule
     * the downloader sets (1, 2, 4 … min capped at 60 min: ~6 h for 12 deliveries) and may be wrong
     * (a {@code Retry-After} past the cap only delays a FAILED → STORED), so it can stay tight for the
     * reconciler's alarm. Retention may never be wrong: a message that expires while still retried is
     * lost without a DLQ entry, so it counts every wait at the most SQS allows ({@link #SQS_MAX_VISIBILITY},
     * 133 h for the download queue).
     *
     * @param longestWait the longest visibility timeout a failed delivery can leave: the queue's own,
     *     or {@link #SQS_MAX_VISIBILITY} when the consumer sets visibility itself (the downloader honours
     *     {@code Retry-After} up to that cap)
     */
    public static Duration retryHorizon(int maxReceiveCount, Duration longestWait, Duration consumerTimeout) {
        if (maxReceiveCount < 1) throw new IllegalArgumentException("maxReceiveCount must be ≥ 1: " + maxReceiveCount);
        if (longestWait.isNegative() || consumerTimeout.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        return SettleHorizon.retryPath(longestWait, longestWait, maxReceiveCount)
                .plus(consumerTimeout.multipliedBy(maxReceiveCount));
    }
}
