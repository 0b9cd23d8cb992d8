package io.tdnet.downloader;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.tdnet.model.SqsLambdaBatch;
import io.tdnet.model.TimeLeft;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;
import io.tdnet.wiring.ResourceCheck;

/** The downloader Lambda: SQS event → {@link DownloadWorker}, within the remaining time → partial batch response. */
public final class DownloaderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** The {@code Component} dimension of this Lambda's metrics. */
    public static final String COMPONENT = "downloader";

    private final DownloadWorker worker;
    private final EmfMetrics metrics;
    /** Held for the handler's life: under SnapStart it is the restore hook the runtime holds only weakly. */
    private final ResourceCheck resources;

    public DownloaderHandler() {
        this(DownloaderFunction.wire(FunctionWiring.fromProcess()));
    }
    private DownloaderHandler(DownloaderHandler wired) { this(wired.worker, wired.metrics, wired.resources); }

    /** A worker whose downloader reports to {@code metrics}, flushed once per invocation. */
    public DownloaderHandler(DownloadWorker worker, EmfMetrics metrics) {
        this(worker, metrics, null);
    }

    DownloaderHandler(DownloadWorker worker, EmfMetrics metrics, ResourceCheck resources) {
        this.worker = worker;
        this.metrics = metrics;
        this.resources = resources;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try {
            return SqsLambdaBatch.handle(event, worker,
                    context == null ? TimeLeft.UNBOUNDED : TimeLeft.ofMillis(context::getRemainingTimeInMillis));
        } finally {
            metrics.flush(); // one EMF flush per invocation, also when it throws
        }
    }
}
