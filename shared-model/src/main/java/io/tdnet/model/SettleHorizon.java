package io.tdnet.model;

import java.time.Duration;

/**
 * When a PENDING outcome's message can no longer arrive, and how long an execution may stay unsettled
 * before that is an alarm: the arithmetic in one place, from the same timings the queues and the
 * downloader's retry schedule are built from.
 *
 * <p>After a message's last sign of life (its last failed attempt, or the plan if none), the next
 * delivery comes at the latest after the longest visibility timeout the retry schedule sets
 * ({@code retryVisibilityCap}) or, when the worker died mid-delivery, after the queue's own
 * ({@code downloadVisibility}); that delivery takes at most {@code documentBudget}; its persist
 * message then has {@code persistMaxReceiveCount} deliveries, each at most {@code persistVisibility}
 * apart. Past {@link #afterLastSign} a message in no DLQ is lost. A message later proven alive after all
 * (a {@code Retry-After} longer than the cap) still moves its outcome FAILED → STORED: the call is
 * safe to be wrong in that direction.
 *
 * <p>An execution settles at the latest {@code retryPath} (first to last delivery of the schedule) +
 * {@link #afterLastSign} + one reconciler period after it starts running: {@link #unsettledDeadline}.
 *
 * <p>Not the queues' {@link QueueRetention#retryHorizon retry horizon} (133 h for the download queue,
 * against ~2 h here after the last sign): that one bounds how long SQS may keep retrying a message, every
 * wait at the SQS maximum, because retention must never be too short; this one follows the schedule the
 * downloader actually sets, because calling a message lost too early is corrected later (FAILED → STORED)
 * while a horizon of days would hold every alarm back by days. Both sum their waits with {@link #retryPath}.
 */
public record SettleHorizon(Duration afterLastSign, Duration unsettledDeadline) {

    /** How often the scheduled reconciler runs on AWS. */
    public static final Duration RECONCILE_EVERY = Duration.ofMinutes(15);

    public static SettleHorizon of(Duration retryPath, Duration retryVisibilityCap, Duration downloadVisibility,
                                   Duration documentBudget, int persistMaxReceiveCount, Duration persistVisibility) {
        Duration longestWait = retryVisibilityCap.compareTo(downloadVisibility) >= 0 ? retryVisibilityCap : downloadVisibility;
        Duration afterLastSign = longestWait.plus(documentBudget).plus(persistVisibility.multipliedBy(persistMaxReceiveCount));
        return new SettleHorizon(afterLastSign, retryPath.plus(afterLastSign).plus(RECONCILE_EVERY));
    }

    /**
     * First to last delivery when every delivery fails: the visibility timeouts the retry schedule sets
     * after deliveries 1 … maxReceiveCount−1, {@code base·2^(n−1)} capped at {@code cap}. With
     * {@code base = cap} it is {@link QueueRetention#retryHorizon}'s waits, each at its longest.
     */
    public static Duration retryPath(Duration base, Duration cap, int maxReceiveCount) {
        Duration total = Duration.ZERO;
        Duration step = base;
        for (int n = 1; n < maxReceiveCount; n++) {
            total = total.plus(step.compareTo(cap) > 0 ? cap : step);
            if (step.compareTo(cap) < 0) step = step.multipliedBy(2);
        }
        return total;
    }

    /** Whole seconds, as the reconciler's environment carries it. */
    public long afterLastSignSeconds() {
        return afterLastSign.toSeconds();
    }
}
