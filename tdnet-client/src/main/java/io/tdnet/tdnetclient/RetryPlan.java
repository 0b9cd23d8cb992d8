package io.tdnet.tdnetclient;

import java.time.Duration;
import java.util.Objects;

/**
 * The in-process retries of one request: {@code attempts} in all, waiting base·2^(k−1) (capped at
 * {@code backoffMax}, shortened by up to {@code jitter}) after failed attempt k, or the server's
 * {@code Retry-After} when longer; a {@code Retry-After} over {@code retryAfterCap} ends the request at
 * once (the caller leaves it to a later run or to SQS).
 *
 * @param attempts attempts per request, the first included (≥ 1)
 * @param backoffBase wait after the first failed attempt; doubles per attempt
 * @param backoffMax cap of the exponential wait
 * @param jitter fraction (0–1) by which a wait is randomly shortened, to spread retries
 * @param retryAfterCap longest {@code Retry-After} waited out in process
 */
public record RetryPlan(int attempts, Duration backoffBase, Duration backoffMax, double jitter, Duration retryAfterCap) {
    public RetryPlan {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be ≥ 1: " + attempts);
        nonNegative(backoffBase, "backoffBase");
        nonNegative(backoffMax, "backoffMax");
        nonNegative(retryAfterCap, "retryAfterCap");
        if (!(jitter >= 0 && jitter <= 1)) throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
    }

    /**
     * The wait after {@code failedAttempts} failed attempts (≥ 1), {@code random} in [0, 1); never
     * shorter than the server's {@code retryAfter} (null if none).
     */
    public Duration delay(int failedAttempts, Duration retryAfter, double random) {
        Duration exponential = doubled(backoffBase, failedAttempts - 1, backoffMax);
        long nanos = exponential.toNanos();
        Duration jittered = Duration.ofNanos(nanos - (long) (nanos * jitter * random));
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }

    /** True when a {@code Retry-After} is short enough to wait out in process. */
    public boolean waitsInProcess(Duration retryAfter) {
        return retryAfter == null || retryAfter.compareTo(retryAfterCap) <= 0;
    }

    /** The longest total of waits between the attempts of one request: each the backoff or the cap. */
    public Duration worstCaseWaits() {
        Duration total = Duration.ZERO;
        for (int k = 1; k < attempts; k++) {
            Duration backoff = doubled(backoffBase, k - 1, backoffMax);
            total = total.plus(backoff.compareTo(retryAfterCap) > 0 ? backoff : retryAfterCap);
        }
        return total;
    }

    /** {@code base} doubled {@code times} times, never over {@code cap}: the one exponential schedule. */
    public static Duration doubled(Duration base, int times, Duration cap) {
        Duration d = base;
        for (int i = 0; i < times && d.compareTo(cap) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(cap) > 0 ? cap : d;
    }

    private static void nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) throw new IllegalArgumentException(name + " must not be negative");
    }
}
