package io.tdnet.downloader;

import io.tdnet.model.EnvVars;
import io.tdnet.model.Tdnet;
import io.tdnet.model.TdnetOrigin;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the downloader is configured with, built once at the edge (env vars on Lambda, CLI flags
 * locally) and immutable afterwards.
 *
 * @param origin the TDnet base URL; documents are fetched only from {@code origin.pdf(id)}
 * @param ratePerSecond requests per second to TDnet for the whole deployment (R)
 * @param concurrency how many downloader instances share that rate (C; 1 locally, where one pacer is
 *     shared); each instance paces at {@link #instanceRate()} = R / C
 * @param maxPdfBytes largest document accepted
 * @param userAgent sent with every request: names the tool and a contact URL
 * @param connectTimeout TCP connect timeout
 * @param readTimeout longest silence while reading the response (per socket read, not the whole body)
 * @param partSizeBytes multipart part size for bodies of unknown length (≥ 5 MiB, S3's minimum)
 * @param retry the in-process and SQS retry schedule
 */
public record DownloaderConfig(
        TdnetOrigin origin,
        double ratePerSecond,
        int concurrency,
        long maxPdfBytes,
        String userAgent,
        Duration connectTimeout,
        Duration readTimeout,
        int partSizeBytes,
        RetrySchedule retry) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    public DownloaderConfig {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retry, "retry");
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number of requests per second: " + ratePerSecond);
        }
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be ≥ 1: " + concurrency);
        if (maxPdfBytes < 1) throw new IllegalArgumentException("maxPdfBytes must be positive: " + maxPdfBytes);
        if (userAgent == null || userAgent.isBlank()) throw new IllegalArgumentException("userAgent must be set");
        if (partSizeBytes < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSizeBytes under S3's 5 MiB minimum: " + partSizeBytes);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive (zero would mean wait forever)");
        }
    }

    /** The defaults for an origin: 1 request/s, one instance, 100 MB cap, production retry schedule. */
    public static DownloaderConfig defaults(TdnetOrigin origin) {
        return new DownloaderConfig(origin, Tdnet.DEFAULT_RATE, 1, Tdnet.DEFAULT_MAX_PDF_BYTES,
                Tdnet.DEFAULT_USER_AGENT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_PART_SIZE,
                RetrySchedule.defaults());
    }

    /**
     * Reads the Lambda environment: {@link EnvVars#TDNET_BASE_URL}, {@link EnvVars#TDNET_RATE},
     * {@link EnvVars#DOWNLOADER_CONCURRENCY}, {@link EnvVars#MAX_PDF_BYTES}, {@link EnvVars#USER_AGENT};
     * each falls back to its default when unset, and a value that does not parse fails naming the
     * variable.
     */
    public static DownloaderConfig fromEnvironment(Map<String, String> env) {
        String base = value(env, EnvVars.TDNET_BASE_URL);
        DownloaderConfig config = defaults(TdnetOrigin.of(base == null ? Tdnet.DEFAULT_BASE_URL : base));
        String rate = value(env, EnvVars.TDNET_RATE);
        String concurrency = value(env, EnvVars.DOWNLOADER_CONCURRENCY);
        String maxBytes = value(env, EnvVars.MAX_PDF_BYTES);
        String userAgent = value(env, EnvVars.USER_AGENT);
        try {
            return new DownloaderConfig(config.origin,
                    rate == null ? config.ratePerSecond : parse(EnvVars.TDNET_RATE, rate, Double::parseDouble),
                    concurrency == null ? 1 : parse(EnvVars.DOWNLOADER_CONCURRENCY, concurrency, Integer::parseInt),
                    maxBytes == null ? config.maxPdfBytes : parse(EnvVars.MAX_PDF_BYTES, maxBytes, Long::parseLong),
                    userAgent == null ? config.userAgent : userAgent,
                    config.connectTimeout, config.readTimeout, config.partSizeBytes, config.retry);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("downloader environment: " + e.getMessage(), e);
        }
    }

    /** This instance's pace: R / C (see package-info for why that keeps the deployment at R). */
    public double instanceRate() {
        return ratePerSecond / concurrency;
    }

    public DownloaderConfig withRate(double rate, int instances) {
        return new DownloaderConfig(origin, rate, instances, maxPdfBytes, userAgent, connectTimeout, readTimeout,
                partSizeBytes, retry);
    }

    public DownloaderConfig withMaxPdfBytes(long bytes) {
        return new DownloaderConfig(origin, ratePerSecond, concurrency, bytes, userAgent, connectTimeout, readTimeout,
                partSizeBytes, retry);
    }

    public DownloaderConfig withUserAgent(String agent) {
        return new DownloaderConfig(origin, ratePerSecond, concurrency, maxPdfBytes, agent, connectTimeout, readTimeout,
                partSizeBytes, retry);
    }

    public DownloaderConfig withTimeouts(Duration connect, Duration read) {
        return new DownloaderConfig(origin, ratePerSecond, concurrency, maxPdfBytes, userAgent, connect, read,
                partSizeBytes, retry);
    }

    public DownloaderConfig withRetry(RetrySchedule schedule) {
        return new DownloaderConfig(origin, ratePerSecond, concurrency, maxPdfBytes, userAgent, connectTimeout,
                readTimeout, partSizeBytes, schedule);
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private interface Parser<T> {
        T parse(String s);
    }

    private static <T> T parse(String name, String value, Parser<T> parser) {
        try {
            return parser.parse(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + value, e);
        }
    }
}
