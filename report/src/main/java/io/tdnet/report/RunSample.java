package io.tdnet.report;

import java.time.Instant;

/**
 * The state of a run at one sampling instant: queue depths, the execution's counters (from the ledger)
 * and the process's metrics (from {@link io.tdnet.telemetry.InMemoryMetrics}), all cumulative.
 *
 * @param elapsedMillis since the run's sampling started
 */
public record RunSample(
        long elapsedMillis,
        Instant at,
        QueueDepth download,
        QueueDepth persist,
        QueueDepth downloadDlq,
        QueueDepth persistDlq,
        long listed,
        long stored,
        long alreadyPresent,
        long failed,
        long downloadedBytes,
        long retries,
        long rateLimitWaitMillis) {

    /** Disclosures with an outcome. */
    public long settled() {
        return stored + alreadyPresent + failed;
    }
}
