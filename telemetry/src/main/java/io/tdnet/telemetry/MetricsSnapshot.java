package io.tdnet.telemetry;

import java.util.Map;

/**
 * The counters of {@link InMemoryMetrics} at one instant. Failures and retries are keyed by
 * {@link FailureReasons} category.
 */
public record MetricsSnapshot(
        long pagesRead,
        long listed,
        long enqueued,
        long downloadedBytes,
        long downloads,
        long stored,
        long alreadyPresent,
        long failed,
        Map<String, Long> failedByReason,
        long retries,
        Map<String, Long> retriesByReason,
        long rateLimitWaits,
        long rateLimitWaitMillis,
        long maxRateLimitWaitMillis) {

    public MetricsSnapshot {
        failedByReason = Map.copyOf(failedByReason);
        retriesByReason = Map.copyOf(retriesByReason);
    }

    public static MetricsSnapshot empty() {
        return new MetricsSnapshot(0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, Map.of(), 0, 0, 0);
    }
}
