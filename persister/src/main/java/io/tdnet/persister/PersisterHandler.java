package io.tdnet.persister;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.model.EnvVars;
import io.tdnet.model.PipelineResources;
import io.tdnet.model.SqsLambdaBatch;
import io.tdnet.telemetry.EmfMetrics;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The persister Lambda: a thin adapter from the SQS event to {@link PersistWorker}, reporting the
 * messages to retry as partial batch failures. Clients are built once per container, with explicit
 * region and credentials so the SDK does not probe for them on a cold start.
 */
public final class PersisterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** The {@code Component} dimension of this Lambda's metrics. */
    public static final String COMPONENT = "persister";

    private final PersistWorker worker;
    private final EmfMetrics metrics;

    public PersisterHandler() {
        this(System.getenv());
    }

    PersisterHandler(Map<String, String> env) {
        PipelineResources resources = PipelineResources.fromEnvironment(env);
        Region region = Region.of(env.getOrDefault("AWS_REGION", "us-east-1"));
        String endpoint = env.get(EnvVars.AWS_ENDPOINT_URL);
        var dynamoBuilder = DynamoDbClient.builder().region(region)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create());
        var sqsBuilder = SqsClient.builder().region(region)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null && !endpoint.isBlank()) {
            dynamoBuilder.endpointOverride(URI.create(endpoint));
            sqsBuilder.endpointOverride(URI.create(endpoint));
        }
        Clock clock = Clock.systemUTC();
        this.metrics = EmfMetrics.toStdout(COMPONENT);
        this.worker = new PersistWorker(
                new ExecutionLedger(dynamoBuilder.build(), resources.executionsTable(), resources.disclosuresTable(), clock),
                sqsBuilder.build(), resources.persistQueueUrl(), resources.persistDlqUrl(),
                new OutcomeMetrics(metrics), clock);
    }

    public PersisterHandler(PersistWorker worker) {
        this(worker, EmfMetrics.toStdout(COMPONENT));
    }

    /** For tests and other wiring: a worker whose {@link OutcomeMetrics} report to {@code metrics}, flushed per invocation. */
    public PersisterHandler(PersistWorker worker, EmfMetrics metrics) {
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

}
