package io.tdnet.downloader;

import io.tdnet.ledger.DownloadAttempts;
import io.tdnet.model.EnvVars;
import io.tdnet.model.JsonCodec;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;
import io.tdnet.wiring.ResourceCheck;
import io.tdnet.wiring.SqsBatchFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The downloader Lambda's own bindings on top of {@link FunctionWiring} (see there why no Guice). */
final class DownloaderFunction {
    private DownloaderFunction() {}

    static SqsBatchFunction.Parts wire(FunctionWiring wiring) {
        DownloaderConfig config = DownloaderConfig.fromEnvironment(wiring.env());
        String bucket = wiring.require(EnvVars.BUCKET);
        DownloadWorker.Queues queues = new DownloadWorker.Queues(wiring.require(EnvVars.DOWNLOAD_QUEUE_URL),
                wiring.require(EnvVars.DOWNLOAD_DLQ_URL), wiring.require(EnvVars.PERSIST_QUEUE_URL));
        // every instance reserves its requests in the deployment's one schedule at the whole R; the
        // pacer lives as long as the container, across invocations
        EmfMetrics metrics = EmfMetrics.toStdout(DownloaderHandler.COMPONENT);
        S3Client s3 = wiring.aws().s3();
        SqsClient sqs = wiring.aws().sqs();
        DynamoDbClient dynamoDb = wiring.aws().dynamoDb();
        String executions = wiring.require(EnvVars.EXECUTIONS_TABLE);
        PdfDownloader downloader = new PdfDownloader(config, wiring.pacer(), s3, bucket,
                new TelemetryDownloadMetrics(metrics), wiring.clock());
        DownloadWorker worker = new DownloadWorker(downloader, sqs, queues, new JsonCodec(),
                config.retry(), wiring.clock(), 1,
                new DownloadAttempts(dynamoDb, executions, wiring.clock())::failed);
        // where it stores, forwards and dead-letters, and the tables it writes: a download it cannot store
        // would be fetched again at every redelivery
        ResourceCheck resources = wiring.checkBeforeServing(wiring.resourceCheck().bucket(s3, bucket)
                .queue(sqs, queues.persistQueueUrl()).queue(sqs, queues.downloadDlqUrl())
                .table(dynamoDb, executions).table(dynamoDb, wiring.require(EnvVars.PACER_TABLE)));
        return wiring.announce(new SqsBatchFunction.Parts(worker, metrics, resources));
    }
}
