package io.tdnet.report;

import io.tdnet.telemetry.MetricsSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a local run recorded about one execution, kept under the data directory so {@code tdnet report}
 * can draw it later: one sample per interval, and the process's final metrics.
 *
 * @param command what ran ("collect", "dlq redrive")
 */
public record RunRecord(
        String executionId,
        LocalDate targetDate,
        String command,
        long intervalMillis,
        Instant startedAt,
        Instant finishedAt,
        List<RunSample> samples,
        MetricsSnapshot metrics) {

    public RunRecord {
        samples = List.copyOf(samples);
    }
}
