package io.tdnet.model;

import java.time.Duration;

/**
 * The downloader's timing constants in one place: its code builds its retry schedule and timeouts from
 * them, and the deployment checks its function timeout against {@link #DOCUMENT_BUDGET}.
 *
 * <p>The arithmetic. One document's in-process attempts take at most {@code attempts × (connect
 * timeout + read timeout)} on the wire before a body flows, plus a wait between attempts that is the
 * backoff or, when the server sends one, a {@code Retry-After} of at most {@link #RETRY_AFTER_CAP}:
 * 3 × (10 s + 30 s) + 2 × 30 s = <b>180 s</b> = {@link #DOCUMENT_BUDGET}. The Lambda starts no document
 * with less than that left, so its timeout must be at least one budget plus the batch's first
 * transfer; the CDK stack's 5 minutes leave 120 s for transfer (a 100 MB document at ~1 MB/s).
 * Between deliveries SQS waits {@link #VISIBILITY_BASE}·2^(n−1), capped at {@link #VISIBILITY_CAP}.
 */
public final class DownloadTiming {
    private DownloadTiming() {}

    public static final int IN_PROCESS_ATTEMPTS = 3;
    public static final Duration BACKOFF_BASE = Duration.ofSeconds(1);
    public static final Duration BACKOFF_MAX = Duration.ofSeconds(8);
    public static final double JITTER = 0.25;
    /** The longest {@code Retry-After} waited out in process; a longer one becomes the visibility timeout. */
    public static final Duration RETRY_AFTER_CAP = Duration.ofSeconds(30);
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Per socket read, not the whole body. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration VISIBILITY_BASE = Duration.ofMinutes(1);
    public static final Duration VISIBILITY_CAP = Duration.ofMinutes(60);
    public static final int MAX_RECEIVE_COUNT = Names.DOWNLOAD_MAX_RECEIVE_COUNT;

    /**
     * The worst case of one document's in-process attempts (the arithmetic above); valid while
     * {@link #RETRY_AFTER_CAP} ≥ {@link #BACKOFF_MAX}, so that every wait is at most the cap.
     */
    public static final Duration DOCUMENT_BUDGET = CONNECT_TIMEOUT.plus(READ_TIMEOUT).multipliedBy(IN_PROCESS_ATTEMPTS)
            .plus(RETRY_AFTER_CAP.multipliedBy(IN_PROCESS_ATTEMPTS - 1));
}
