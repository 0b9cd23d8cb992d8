package io.tdnet.downloader;

import io.tdnet.model.DownloadTiming;
import io.tdnet.model.Names;
import io.tdnet.model.QueueRetention;
import io.tdnet.model.SettleHorizon;
import io.tdnet.tdnetclient.RetryPlan;
import java.time.Duration;
import java.util.Objects;

/**
 * When a transient failure is tried again: first in process (a few attempts with exponential backoff
 * and jitter, honouring {@code Retry-After} up to a cap), then by SQS, with a visibility timeout that
 * grows with the message's receive count so that an outage of hours does not drain the queue into the
 * DLQ.
 *
 * <p>The in-process part is the TDnet component's {@link RetryPlan} ({@link #inProcess()}); the
 * visibility part is this class's own. With the {@link #defaults()} (built from {@link DownloadTiming}): in process 3 attempts per delivery, waits of ~1 s then ~2 s (each
 * reduced by up to 25% jitter, or the server's {@code Retry-After} if longer and at most 30 s); between
 * deliveries a visibility timeout of 2^(n−1) minutes after delivery n, capped at 60 minutes:
 * 1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60 minutes after deliveries 1–11. Delivery number
 * {@link #maxReceiveCount()} (12, {@link Names#DOWNLOAD_MAX_RECEIVE_COUNT}) is the last: if it fails
 * transiently too, the worker records a permanent failure itself ("gave up after 12 deliveries: …") so
 * the execution still settles, instead of letting SQS move the message to the DLQ silently.
 *
 * <p>Longest outage survived: the 12th delivery happens {@link #longestOutageSurvived()} = 1+2+4+8+16+32
 * + 5×60 = 363 minutes = <b>6 h 03 min</b> after the first (plus the in-process attempts, a few seconds
 * per delivery). A TDnet outage that ends within about 6 hours of a document's first attempt loses
 * nothing; a longer one turns into recorded failures that {@code tdnet dlq redrive} can recover while
 * TDnet still serves the document (30–40 days).
 *
 * @param attemptsPerDelivery HTTP attempts per SQS delivery (≥ 1)
 * @param backoffBase wait after the first failed attempt; doubles per attempt
 * @param backoffMax cap of the exponential in-process wait
 * @param jitter fraction (0–1) by which a wait is randomly shortened, to spread retries
 * @param retryAfterCap longest {@code Retry-After} waited out in process; a longer one ends the
 *     delivery and becomes its visibility timeout
 * @param visibilityBase visibility timeout after the first delivery; doubles per delivery
 * @param visibilityCap cap of the visibility timeout (SQS itself allows at most 12 h)
 * @param maxReceiveCount the queue's maxReceiveCount: the delivery that is the last chance
 */
public record RetrySchedule(
        int attemptsPerDelivery,
        Duration backoffBase,
        Duration backoffMax,
        double jitter,
        Duration retryAfterCap,
        Duration visibilityBase,
        Duration visibilityCap,
        int maxReceiveCount) {

    /** SQS's maximum visibility timeout (one definition, shared with the queues' retention: {@link QueueRetention}). */
    public static final Duration SQS_MAX_VISIBILITY = QueueRetention.SQS_MAX_VISIBILITY;

    public RetrySchedule {
        if (attemptsPerDelivery < 1) throw new IllegalArgumentException("attemptsPerDelivery must be ≥ 1");
        requireNonNegative(backoffBase, "backoffBase");
        requireNonNegative(backoffMax, "backoffMax");
        requireNonNegative(retryAfterCap, "retryAfterCap");
        requireNonNegative(visibilityBase, "visibilityBase");
        requireNonNegative(visibilityCap, "visibilityCap");
        if (!(jitter >= 0 && jitter <= 1)) throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
        if (visibilityCap.compareTo(SQS_MAX_VISIBILITY) > 0) {
            throw new IllegalArgumentException("visibilityCap over SQS's 12 h: " + visibilityCap);
        }
        if (maxReceiveCount < 1) throw new IllegalArgumentException("maxReceiveCount must be ≥ 1");
    }

    /** The production schedule described above, from {@link DownloadTiming}. */
    public static RetrySchedule defaults() {
        return new RetrySchedule(DownloadTiming.IN_PROCESS_ATTEMPTS, DownloadTiming.BACKOFF_BASE,
                DownloadTiming.BACKOFF_MAX, DownloadTiming.JITTER, DownloadTiming.RETRY_AFTER_CAP,
                DownloadTiming.VISIBILITY_BASE, DownloadTiming.VISIBILITY_CAP, DownloadTiming.MAX_RECEIVE_COUNT);
    }

    /** The in-process retries of one delivery, run by the TDnet component. */
    public RetryPlan inProcess() {
        return new RetryPlan(attemptsPerDelivery, backoffBase, backoffMax, jitter, retryAfterCap);
    }

    /** See {@link RetryPlan#delay}. */
    public Duration inProcessDelay(int failedAttempts, Duration retryAfter, double random) {
        return inProcess().delay(failedAttempts, retryAfter, random);
    }

    /** See {@link RetryPlan#waitsInProcess}. */
    public boolean waitsInProcess(Duration retryAfter) {
        return inProcess().waitsInProcess(retryAfter);
    }

    /**
     * The visibility timeout to set after delivery {@code receiveCount} (1-based) failed transiently:
     * visibilityBase·2^(n−1) capped at visibilityCap, or the server's {@code Retry-After} if that is
     * longer, never over SQS's 12 h.
     */
    public Duration visibilityTimeout(int receiveCount, Duration retryAfter) {
        Duration grown = RetryPlan.doubled(visibilityBase, Math.max(1, receiveCount) - 1, visibilityCap);
        Duration wanted = retryAfter != null && retryAfter.compareTo(grown) > 0 ? retryAfter : grown;
        return wanted.compareTo(SQS_MAX_VISIBILITY) > 0 ? SQS_MAX_VISIBILITY : wanted;
    }

    /** True when delivery {@code receiveCount} is the last one SQS makes before the DLQ. */
    public boolean isLastDelivery(int receiveCount) {
        return receiveCount >= maxReceiveCount;
    }

    /**
     * Time from the first delivery to the last one when every delivery fails (no Retry-After): the
     * arithmetic is {@link SettleHorizon#retryPath}, which the reconciler's horizon is built from too.
     */
    public Duration longestOutageSurvived() {
        return SettleHorizon.retryPath(visibilityBase, visibilityCap, maxReceiveCount);
    }

    private static void requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) throw new IllegalArgumentException(name + " must not be negative");
    }
}
