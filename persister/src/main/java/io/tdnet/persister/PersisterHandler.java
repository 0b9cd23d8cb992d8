package io.tdnet.persister;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.model.BatchOutcome;
import io.tdnet.model.EnvVars;
import io.tdnet.model.PipelineResources;
import io.tdnet.model.QueueMessage;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
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
    private final PersistWorker worker;

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
        this.worker = new PersistWorker(
                new ExecutionLedger(dynamoBuilder.build(), resources.executionsTable(), resources.disclosuresTable(), clock),
                sqsBuilder.build(), resources.persistQueueUrl(), resources.persistDlqUrl(),
                PersistWorker.OutcomeListener.NONE, clock);
    }

    public PersisterHandler(PersistWorker worker) {
        this.worker = worker;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<QueueMessage> batch = event.getRecords().stream().map(PersisterHandler::toQueueMessage).toList();
        BatchOutcome outcome = worker.handle(batch);
        return SQSBatchResponse.builder().withBatchItemFailures(outcome.retry().stream()
                .map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build())
                .toList()).build();
    }

    static QueueMessage toQueueMessage(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = new HashMap<>();
        if (record.getMessageAttributes() != null) {
            record.getMessageAttributes().forEach((name, value) -> {
                if (value.getStringValue() != null) attributes.put(name, value.getStringValue());
            });
        }
        String count = record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount");
        return new QueueMessage(record.getMessageId(), record.getReceiptHandle(), record.getBody(),
                count == null ? 1 : Integer.parseInt(count), attributes);
    }
}
