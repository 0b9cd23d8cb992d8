package io.tdnet.downloader;

import java.time.Duration;

/**
 * What the downloader reports for dashboards: bytes stored, in-process retries, and time spent waiting
 * for the politeness pacer. The operability work plugs EMF or in-memory metrics in behind it.
 */
public interface DownloadMetrics {
    /** A document of {@code bytes} bytes was stored. */
    void downloadedBytes(long bytes);

    /** An attempt failed transiently and will be tried again in process. */
    void retried(String reason);

    /** A request waited this long for its pacer slot. */
    void pacerWaited(Duration waited);

    /** Reports nothing. */
    static DownloadMetrics none() {
        return new DownloadMetrics() {
            @Override public void downloadedBytes(long bytes) {}
            @Override public void retried(String reason) {}
            @Override public void pacerWaited(Duration waited) {}
        };
    }
}
