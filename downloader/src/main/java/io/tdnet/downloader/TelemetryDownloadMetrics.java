package io.tdnet.downloader;

import io.tdnet.telemetry.PipelineMetrics;
import java.time.Duration;

/** The downloader's metrics reported to the pipeline's {@link PipelineMetrics} (EMF on Lambda, memory locally). */
public final class TelemetryDownloadMetrics implements DownloadMetrics {
    private final PipelineMetrics metrics;

    public TelemetryDownloadMetrics(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override public void downloadedBytes(long bytes) { metrics.downloadedBytes(bytes); }
    @Override public void retried(String reason) { metrics.retried(reason); }
    @Override public void pacerWaited(Duration waited) { metrics.rateLimitWaited(waited); }
}
