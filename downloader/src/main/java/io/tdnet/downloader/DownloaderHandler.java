package io.tdnet.downloader;

import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;
import io.tdnet.wiring.SqsBatchFunction;

/**
 * The downloader Lambda: SQS event → {@link DownloadWorker}, within the remaining time (it starts no
 * document it cannot finish) → partial batch response.
 */
public final class DownloaderHandler extends SqsBatchFunction {
    /** The {@code Component} dimension of this Lambda's metrics. */
    public static final String COMPONENT = "downloader";

    public DownloaderHandler() {
        super(DownloaderFunction.wire(FunctionWiring.fromProcess()));
    }

    /** A worker whose downloader reports to {@code metrics}, flushed once per invocation. */
    public DownloaderHandler(DownloadWorker worker, EmfMetrics metrics) {
        super(new Parts(worker, metrics, null));
    }
}
