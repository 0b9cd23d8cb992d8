package io.tdnet.downloader;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.tdnet.model.BatchOutcome;
import io.tdnet.model.EnvVars;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.PipelineResources;
import io.tdnet.model.QueueMessage;
import io.tdnet.model.RequestPacer;
import io.tdnet.telemetry.EmfMetrics;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
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
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
        }
        SqsClient sqsClient = sqs.build();
        this.metrics = EmfMetrics.toStdout(COMPONENT);
        PdfDownloader downloader = new PdfDownloader(config, RequestPacer.perSecond(config.instanceRate()),
                s3.build(), resources.bucket(), new TelemetryDownloadMetrics(metrics), Clock.systemUTC());
        this.worker = new DownloadWorker(downloader, sqsClient, resources, new JsonCodec(), config.retry(),
                Clock.systemUTC(), 1);
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
            List<QueueMessage> batch = new ArrayList<>();
            if (event != null && event.getRecords() != null) {
                for (SQSEvent.SQSMessage m : event.getRecords()) batch.add(toQueueMessage(m));
            }
            BatchOutcome outcome = worker.handle(batch);
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (QueueMessage m : batch) {
                if (!outcome.isDone(m)) failures.add(new SQSBatchResponse.BatchItemFailure(m.messageId()));
            }
            return new SQSBatchResponse(failures);
        } finally {
            metrics.flush(); // one EMF flush per invocation, also when it throws
        }
    }

    static QueueMessage toQueueMessage(SQSEvent.SQSMessage m) {
        Map<String, String> attributes = new HashMap<>();
        if (m.getMessageAttributes() != null) {
            m.getMessageAttributes().forEach((name, value) -> {
                if (value != null && value.getStringValue() != null) attributes.put(name, value.getStringValue());
            });
        }
        int receiveCount = 1;
        String count = m.getAttributes() == null ? null : m.getAttributes().get("ApproximateReceiveCount");
        if (count != null) {
            try {
                receiveCount = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                // keep 1: the schedule then starts from its shortest timeout
            }
        }
        return new QueueMessage(m.getMessageId(), m.getReceiptHandle(), m.getBody(), receiveCount, attributes);
    }
}
