package io.tdnet.embedded;

import io.tdnet.model.Attributes;
import io.tdnet.model.Names;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The two tables of the data model (docs/ARCHITECTURE.md) and the pacer's schedule table, as {@code infra}
 * declares them on AWS: {@link #ensureAll()} the archive's on one engine, {@link #ensureSchedule()} the
 * schedule's on another.
 */
final class PipelineTables {
    private static final Logger log = LoggerFactory.getLogger(PipelineTables.class);

    private final DynamoDbClient dynamoDb;

    PipelineTables(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /**
     * Creates each table that does not exist yet; an existing table must have the expected indexes.
     *
     * @return whether the executions table accepted a TTL setting
     */
    boolean ensureAll() {
        ensure(disclosures());
        boolean created = ensure(executions());
        return enableTtl(created);
    }

    /** Creates the pacer's table (on the schedule's own engine, see {@link EmbeddedAwsStack#scheduleDynamoDb()}). */
    void ensureSchedule() {
        ensure(pacer());
    }

    /** Drops and recreates both tables (tests only). */
    void recreateAll() {
        drop(Names.DISCLOSURES_TABLE, Names.EXECUTIONS_TABLE);
        ensureAll();
    }

    /** Drops and recreates the pacer's table (tests only). */
    void recreateSchedule() {
        drop(Names.PACER_TABLE);
        ensureSchedule();
    }

    private void drop(String... tables) {
        for (String table : tables) {
            try {
                dynamoDb.deleteTable(b -> b.tableName(table));
            } catch (ResourceNotFoundException alreadyGone) {
                // nothing to delete
            }
        }
    }

    private boolean ensure(CreateTableRequest request) {
        try {
            TableDescription existing = dynamoDb.describeTable(b -> b.tableName(request.tableName())).table();
            Set<String> indexes = existing.globalSecondaryIndexes().stream()
                    .map(GlobalSecondaryIndexDescription::indexName).collect(Collectors.toSet());
            Set<String> expected = request.globalSecondaryIndexes().stream()
                    .map(GlobalSecondaryIndex::indexName).collect(Collectors.toSet());
            if (!indexes.containsAll(expected)) {
                throw new IllegalStateException("table " + request.tableName() + " exists with indexes " + indexes
                        + " but needs " + expected + ": delete the data directory's dynamodb folder or migrate it");
            }
            return false;
        } catch (ResourceNotFoundException absent) {
            dynamoDb.createTable(request);
            dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()));
            return true;
        }
    }

    /** TTL on executions as on AWS. DynamoDB Local accepts the setting but never expires items. */
    private boolean enableTtl(boolean tableCreated) {
        try {
            boolean enabled = "ENABLED".equals(dynamoDb.describeTimeToLive(b -> b.tableName(Names.EXECUTIONS_TABLE))
                    .timeToLiveDescription().timeToLiveStatusAsString());
            if (!enabled) {
                dynamoDb.updateTimeToLive(b -> b.tableName(Names.EXECUTIONS_TABLE)
                        .timeToLiveSpecification(t -> t.attributeName(Attributes.TTL).enabled(true)));
            }
            return true;
        } catch (DynamoDbException unsupported) {
            if (tableCreated) {
                log.info("DynamoDB Local rejected TTL on {}: {}", Names.EXECUTIONS_TABLE, unsupported.getMessage());
            }
            return false;
        }
    }

    private static CreateTableRequest disclosures() {
        return CreateTableRequest.builder()
                .tableName(Names.DISCLOSURES_TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        string(Attributes.DISCLOSURE_ID), string(Attributes.DISCLOSED_DATE),
                        string(Attributes.DISCLOSED_AT_ID), string(Attributes.COMPANY_CODE))
                .keySchema(hash(Attributes.DISCLOSURE_ID))
                .globalSecondaryIndexes(
                        index(Names.DISCLOSURES_BY_DATE_INDEX, Attributes.DISCLOSED_DATE, Attributes.DISCLOSED_AT_ID),
                        index(Names.DISCLOSURES_BY_COMPANY_INDEX, Attributes.COMPANY_CODE, Attributes.DISCLOSED_AT_ID))
                .build();
    }

    /** One item: the slot schedule toward TDnet (the shared pacer). */
    private static CreateTableRequest pacer() {
        return CreateTableRequest.builder()
                .tableName(Names.PACER_TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(Names.PACER_KEY))
                .keySchema(hash(Names.PACER_KEY))
                .build();
    }

    private static CreateTableRequest executions() {
        return CreateTableRequest.builder()
                .tableName(Names.EXECUTIONS_TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        string(Attributes.EXECUTION_ID), string(Attributes.ENTRY),
                        string(Attributes.TARGET_DATE), string(Attributes.STARTED_AT))
                .keySchema(hash(Attributes.EXECUTION_ID), range(Attributes.ENTRY))
                .globalSecondaryIndexes(
                        index(Names.EXECUTIONS_BY_DATE_INDEX, Attributes.TARGET_DATE, Attributes.STARTED_AT))
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }

    private static GlobalSecondaryIndex index(String name, String partitionKey, String sortKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(hash(partitionKey), range(sortKey))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }
}
