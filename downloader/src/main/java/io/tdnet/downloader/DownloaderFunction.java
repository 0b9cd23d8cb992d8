package io.tdnet.downloader;

import io.tdnet.ledger.DownloadAttempts;
import io.tdnet.model.EnvVars;
import io.tdnet.model.JsonCodec;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;

/** The downloader Lambda's own bindings on top of {@link FunctionWiring} (see there why no Guice). */
final class DownloaderFunction {
    private DownloaderFunction() {}

    static DownloaderHandler wire(FunctionWiring wiring) {
        DownloaderConfig config = DownloaderConfig.fromEnvironment(wiring.env());
        String bucket = wiring.require(EnvVars.BUCKET);
        DownloadWorker.Queues queues = new DownloadWorker.Queues(wiring.require(EnvVars.DOWNLOAD_QUEUE_URL),
                wiring.require(EnvVars.DOWNLOAD_DLQ_URL), wiring.require(EnvVars.PERSIST_QUEUE_URL));
        // every instance reserves its requests in the deployment's one schedule at the whole R; the
        // pacer lives as long as the container, across invocations
        EmfMetrics metrics = EmfMetrics.toStdout(DownloaderHandler.COMPONENT);
        PdfDownloader downloader = new PdfDownloader(config, wiring.pacer(), wiring.aws().s3(), bucket,
                new TelemetryDownloadMetrics(metrics), wiring.clock());
        DownloadWorker worker = new DownloadWorker(downloader, wiring.aws().sqs(), queues, new JsonCodec(),
                config.retry(), wiring.clock(), 1,
                new DownloadAttempts(wiring.aws().dynamoDb(), wiring.require(EnvVars.EXECUTIONS_TABLE), wiring.clock())::failed);
        return wiring.announce(new DownloaderHandler(worker, metrics));
    }
}
