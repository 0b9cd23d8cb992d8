package io.tdnet.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How often {@code collect} samples its queues and counters for the run report. */
final class TelemetryOptions {
    @Option(names = "--sample-interval", paramLabel = "MS", defaultValue = "1000",
            description = "Milliseconds between run samples (queue depths, counters) for the report (default: ${DEFAULT-VALUE}).")
    long sampleIntervalMillis;

    Duration sampleInterval() {
        if (sampleIntervalMillis < 10) throw new IllegalArgumentException("--sample-interval must be at least 10 ms");
        return Duration.ofMillis(sampleIntervalMillis);
    }
}
