package io.tdnet.twin.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates on the blank emulators every queue, table and bucket the template declares, with the names
 * it resolves to: what {@code cloudformation deploy} would create. Queues with VisibilityTimeout,
 * MessageRetentionPeriod and RedrivePolicy (dead-letter queues first); tables with their keys, GSIs,
 * billing mode and TTL; buckets. SSE settings are ignored (the emulators do not encrypt).
 */
public final class Provisioner {
    private static final Logger log = LoggerFactory.getLogger(Provisioner.class);

    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;

    /** Clients talking straight to the emulators (provisioning is the deployment's act, not a principal's call). */
    public Provisioner(SqsClient sqs, DynamoDbClient dynamoDb, S3Client s3) {
        this.sqs = sqs;
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
    }

    /** Creates everything; returns what it created, one line per resource. */
    public List<String> provision(CloudFormationTemplate template) {
        List<String> created = new ArrayList<>();
        List<QueueDeclaration> queues = new ArrayList<>(template.queues());
        // dead-letter targets first: a redrive policy must name an existing queue
        queues.sort(Comparator.comparing(q -> q.deadLetterTargetArn() != null));
        for (QueueDeclaration q : queues) {
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
            if (q.visibilityTimeout() != null) attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, q.visibilityTimeout().toString());
            if (q.retentionPeriod() != null) attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, q.retentionPeriod().toString());
            if (q.deadLetterTargetArn() != null) {
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + q.deadLetterTargetArn()
                        + "\",\"maxReceiveCount\":" + q.maxReceiveCount() + "}");
            }
            sqs.createQueue(b -> b.queueName(q.name()).attributes(attributes));
            created.add("queue " + q.name() + " " + attributes);
        }
        for (TableDeclaration t : template.tables()) {
            dynamoDb.createTable(createTableRequest(t));
            JsonNode ttl = t.properties().path("TimeToLiveSpecification");
            if (ttl.path("Enabled").asBoolean(false)) {
                dynamoDb.updateTimeToLive(b -> b.tableName(t.name())
                        .timeToLiveSpecification(s -> s.enabled(true).attributeName(ttl.path("AttributeName").asText())));
            }
            created.add("table " + t.name() + (ttl.path("Enabled").asBoolean(false) ? " (TTL " + ttl.path("AttributeName").asText() + ")" : ""));
        }
        for (String bucket : template.buckets()) {
            s3.createBucket(b -> b.bucket(bucket));
            created.add("bucket " + bucket);
        }
        created.forEach(line -> log.info("provisioned {}", line));
        return created;
    }

    /** The CreateTable call for a declared table (keys, indexes, billing mode as declared). */
    public static CreateTableRequest createTableRequest(TableDeclaration t) {
        JsonNode p = t.properties();
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (JsonNode a : p.path("AttributeDefinitions")) {
            attributes.add(AttributeDefinition.builder().attributeName(a.path("AttributeName").asText())
                    .attributeType(a.path("AttributeType").asText()).build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (JsonNode g : p.path("GlobalSecondaryIndexes")) {
            JsonNode projection = g.path("Projection");
            List<String> nonKey = new ArrayList<>();
            projection.path("NonKeyAttributes").forEach(n -> nonKey.add(n.asText()));
            indexes.add(GlobalSecondaryIndex.builder().indexName(g.path("IndexName").asText())
                    .keySchema(keys(g.path("KeySchema")))
                    .projection(Projection.builder().projectionType(projection.path("ProjectionType").asText("ALL"))
                            .nonKeyAttributes(nonKey.isEmpty() ? null : nonKey).build())
                    .build());
        }
        CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(t.name())
                .keySchema(keys(p.path("KeySchema"))).attributeDefinitions(attributes)
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (!indexes.isEmpty()) b.globalSecondaryIndexes(indexes);
        return b.build();
    }

    private static List<KeySchemaElement> keys(JsonNode schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (JsonNode k : schema) {
            keys.add(KeySchemaElement.builder().attributeName(k.path("AttributeName").asText()).keyType(k.path("KeyType").asText()).build());
        }
        return keys;
    }
}
