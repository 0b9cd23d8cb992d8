package io.tdnet.downloader;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.tdnet.model.EnvVars;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.PipelineResources;
import io.tdnet.model.QueueMessage;
import io.tdnet.model.SqsLambdaBatch;
import io.tdnet.model.RequestPacer;
import io.tdnet.telemetry.EmfMetrics;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The downloader Lambda: SQS event → {@link DownloadWorker} → partial batch response. Clients, pacer and
 * worker are built once per container, in the constructor (the pacer must outlive one invocation to
 * keep this instance at R / C across invocations).
 */
public final class DownloaderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** The {@code Component} dimension of this Lambda's metrics. */
    public static final String COMPONENT = "downloader";

    private final DownloadWorker worker;
    private final EmfMetrics metrics;

    /** The Lambda runtime's constructor: everything from the environment. */
    public DownloaderHandler() {
        this(System.getenv());
    }

    DownloaderHandler(Map<String, String> env) {
        DownloaderConfig config = DownloaderConfig.fromEnvironment(env);
        PipelineResources resources = PipelineResources.fromEnvironment(env);
        String regionName = env.get("AWS_REGION");
        if (regionName == null || regionName.isBlank()) throw new IllegalStateException("AWS_REGION is not set");
        Region region = Region.of(regionName);
        String endpoint = env.get(EnvVars.AWS_ENDPOINT_URL);
        boolean override = endpoint != null && !endpoint.isBlank();

        SqsClientBuilder sqs = SqsClient.builder().region(region)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create());
        S3ClientBuilder s3 = S3Client.builder().region(region)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create());
        if (override) {
            URI uri = URI.create(endpoint.strip());
            sqs.endpointOverride(uri);
            // S3-compatible servers want path-style addressing and may not read streaming checksums.
            s3.endpointOverride(uri).forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        SqsClient sqsClient = sqs.build();
        this.metrics = EmfMetrics.toStdout(COMPONENT);
        PdfDownloader downloader = new PdfDownloader(config, RequestPacer.perSecond(config.instanceRate()),
                s3.build(), resources.bucket(), new TelemetryDownloadMetrics(metrics), Clock.systemUTC());
        this.worker = new DownloadWorker(downloader, sqsClient, resources, new JsonCodec(), config.retry(),
                Clock.systemUTC(), 1, AttemptLog.NONE);
    }

    /** For tests and other wiring: a ready worker. */
    public DownloaderHandler(DownloadWorker worker) {
        this(worker, EmfMetrics.toStdout(COMPONENT));
    }

    /** For tests and other wiring: a worker whose downloader reports to {@code metrics}, flushed per invocation. */
    public DownloaderHandler(DownloadWorker worker, EmfMetrics metrics) {
        this.worker = worker;
        this.metrics = metrics;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try {
            return SqsLambdaBatch.handle(event, worker);
        } finally {
            metrics.flush(); // one EMF flush per invocation, also when it throws
        }
    }

    static QueueMessage toQueueMessage(SQSEvent.SQSMessage m) {
        return SqsLambdaBatch.toQueueMessage(m);
    }
}
