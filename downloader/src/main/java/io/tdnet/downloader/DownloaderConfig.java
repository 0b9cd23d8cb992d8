package io.tdnet.downloader;

import io.tdnet.model.DownloadTiming;
import io.tdnet.model.EnvVars;
import io.tdnet.model.Tdnet;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.tdnetclient.HttpSettings;
import io.tdnet.wiring.FunctionEnvironment;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the downloader is configured with, built once at the edge (env vars on Lambda, CLI flags
 * locally) and immutable afterwards. The rate is not here: it is the pacer's, handed in by the wiring.
 *
 * @param origin the TDnet base URL; documents are fetched only from {@code origin.pdf(id)}
 * @param maxPdfBytes largest document accepted
 * @param userAgent sent with every request: names the tool and a contact URL
 * @param connectTimeout TCP connect timeout
 * @param readTimeout longest silence while reading the response (per socket read, not the whole body)
 * @param partSizeBytes multipart part size for bodies of unknown length (≥ 5 MiB, S3's minimum)
 * @param retry the in-process and SQS retry schedule
 * @param maxXbrlBytes largest XBRL zip accepted (a zip is checked whole in memory, so this bounds that buffer)
 */
public record DownloaderConfig(
        TdnetOrigin origin,
        long maxPdfBytes,
        String userAgent,
        Duration connectTimeout,
        Duration readTimeout,
        int partSizeBytes,
        RetrySchedule retry,
        long maxXbrlBytes) {

    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    public DownloaderConfig {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(retry, "retry");
        if (maxPdfBytes < 1) throw new IllegalArgumentException("maxPdfBytes must be positive: " + maxPdfBytes);
        if (maxXbrlBytes < 22 || maxXbrlBytes > Integer.MAX_VALUE - 8) {
            // 22: the smallest zip (an end record alone); the upper bound: one Java array holds the zip
            throw new IllegalArgumentException("maxXbrlBytes must be 22 … 2^31−9: " + maxXbrlBytes);
        }
        if (partSizeBytes < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSizeBytes under S3's 5 MiB minimum: " + partSizeBytes);
        }
        new HttpSettings(userAgent, connectTimeout, readTimeout, retry.inProcess()); // checks them, one place
    }

    /** A config with the default XBRL cap. */
    public DownloaderConfig(TdnetOrigin origin, long maxPdfBytes, String userAgent, Duration connectTimeout,
                            Duration readTimeout, int partSizeBytes, RetrySchedule retry) {
        this(origin, maxPdfBytes, userAgent, connectTimeout, readTimeout, partSizeBytes, retry, Tdnet.DEFAULT_MAX_XBRL_BYTES);
    }

    /** The defaults for an origin: 100 MB cap (20 MB for XBRL zips), {@link DownloadTiming}'s timeouts and retry schedule. */
    public static DownloaderConfig defaults(TdnetOrigin origin) {
        return new DownloaderConfig(origin, Tdnet.DEFAULT_MAX_PDF_BYTES, Tdnet.DEFAULT_USER_AGENT,
                DownloadTiming.CONNECT_TIMEOUT, DownloadTiming.READ_TIMEOUT, DEFAULT_PART_SIZE, RetrySchedule.defaults());
    }

    /**
     * Reads the Lambda environment: {@link EnvVars#TDNET_BASE_URL}, {@link EnvVars#MAX_PDF_BYTES},
     * {@link EnvVars#MAX_XBRL_BYTES}, {@link EnvVars#USER_AGENT}; each falls back to its default when unset, and a value that does not
     * parse fails naming the variable.
     */
    public static DownloaderConfig fromEnvironment(FunctionEnvironment env) {
        DownloaderConfig config = defaults(TdnetOrigin.of(env.optional(EnvVars.TDNET_BASE_URL, Tdnet.DEFAULT_BASE_URL)));
        return config.withMaxPdfBytes(env.optional(EnvVars.MAX_PDF_BYTES, config.maxPdfBytes, Long::parseLong))
                .withMaxXbrlBytes(env.optional(EnvVars.MAX_XBRL_BYTES, config.maxXbrlBytes, Long::parseLong))
                .withUserAgent(env.optional(EnvVars.USER_AGENT, config.userAgent));
    }

    /** What the TDnet component needs: User-Agent, timeouts, the in-process retries. */
    public HttpSettings http() {
        return new HttpSettings(userAgent, connectTimeout, readTimeout, retry.inProcess());
    }

    /**
     * The worst case of one document's in-process attempts, before its body flows: attempts × (connect
     * + read timeout) + the longest waits between them ({@link DownloadTiming} has the arithmetic).
     * The Lambda starts no document with less time than this left.
     */
    public Duration documentBudget() {
        return http().attemptTimeouts().multipliedBy(retry.attemptsPerDelivery()).plus(retry.inProcess().worstCaseWaits());
    }

    public DownloaderConfig withMaxPdfBytes(long bytes) {
        return new DownloaderConfig(origin, bytes, userAgent, connectTimeout, readTimeout, partSizeBytes, retry, maxXbrlBytes);
    }

    public DownloaderConfig withMaxXbrlBytes(long bytes) {
        return new DownloaderConfig(origin, maxPdfBytes, userAgent, connectTimeout, readTimeout, partSizeBytes, retry, bytes);
    }

    public DownloaderConfig withUserAgent(String agent) {
        return new DownloaderConfig(origin, maxPdfBytes, agent, connectTimeout, readTimeout, partSizeBytes, retry, maxXbrlBytes);
    }

    public DownloaderConfig withTimeouts(Duration connect, Duration read) {
        return new DownloaderConfig(origin, maxPdfBytes, userAgent, connect, read, partSizeBytes, retry, maxXbrlBytes);
    }

    public DownloaderConfig withRetry(RetrySchedule schedule) {
        return new DownloaderConfig(origin, maxPdfBytes, userAgent, connectTimeout, readTimeout, partSizeBytes, schedule, maxXbrlBytes);
    }
}
