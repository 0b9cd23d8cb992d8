package io.tdnet.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.model.Attributes;
import io.tdnet.model.Names;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class DynamoDbIT extends StackFixture {

    @Test
    void conditionalPutRefusesASecondWrite() {
        DynamoDbClient db = stack.dynamoDb();
        db.putItem(b -> b.tableName(Names.DISCLOSURES_TABLE).item(disclosure("120250101000001", "2025-01-01", "7203"))
                .conditionExpression("attribute_not_exists(" + Attributes.DISCLOSURE_ID + ")"));
        assertThatThrownBy(() -> db.putItem(b -> b.tableName(Names.DISCLOSURES_TABLE)
                        .item(disclosure("120250101000001", "2025-01-01", "7203"))
                        .conditionExpression("attribute_not_exists(" + Attributes.DISCLOSURE_ID + ")")))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void cancelledTransactionReportsPerItemReasonsAndAppliesNothing() {
        DynamoDbClient db = stack.dynamoDb();
        db.putItem(b -> b.tableName(Names.DISCLOSURES_TABLE).item(disclosure("120250101000001", "2025-01-01", "7203")));
        Map<String, AttributeValue> summaryKey = Map.of(Attributes.EXECUTION_ID, AttributeValue.fromS("e1"),
                Attributes.ENTRY, AttributeValue.fromS(Attributes.SUMMARY_ENTRY));
        TransactWriteItem counter = TransactWriteItem.builder().update(u -> u.tableName(Names.EXECUTIONS_TABLE)
                .key(summaryKey).updateExpression("ADD #s :one")
                .expressionAttributeNames(Map.of("#s", Attributes.STORED))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build();
        TransactWriteItem duplicate = TransactWriteItem.builder().put(p -> p.tableName(Names.DISCLOSURES_TABLE)
                .item(disclosure("120250101000001", "2025-01-01", "7203"))
                .conditionExpression("attribute_not_exists(" + Attributes.DISCLOSURE_ID + ")")).build();

        assertThatThrownBy(() -> db.transactWriteItems(b -> b.transactItems(counter, duplicate)))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> assertThat(e.cancellationReasons())
                        .extracting(CancellationReason::code).containsExactly("None", "ConditionalCheckFailed"));
        assertThat(db.getItem(b -> b.tableName(Names.EXECUTIONS_TABLE).key(summaryKey)).hasItem()).isFalse();

        db.transactWriteItems(b -> b.transactItems(counter));
        assertThat(db.getItem(b -> b.tableName(Names.EXECUTIONS_TABLE).key(summaryKey)).item().get(Attributes.STORED).n())
                .isEqualTo("1");
    }

    @Test
    void gsisAnswerByDateAndByCompanyInTimeOrder() {
        DynamoDbClient db = stack.dynamoDb();
        db.putItem(b -> b.tableName(Names.DISCLOSURES_TABLE).item(disclosure("120250101000002", "2025-01-01", "7203")));
        db.putItem(b -> b.tableName(Names.DISCLOSURES_TABLE).item(disclosure("120250101000001", "2025-01-01", "6758")));
        db.putItem(b -> b.tableName(Names.DISCLOSURES_TABLE).item(disclosure("120250102000001", "2025-01-02", "7203")));

        var byDate = db.query(b -> b.tableName(Names.DISCLOSURES_TABLE).indexName(Names.DISCLOSURES_BY_DATE_INDEX)
                .keyConditionExpression("#d = :d").expressionAttributeNames(Map.of("#d", Attributes.DISCLOSED_DATE))
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS("2025-01-01")))).items();
        assertThat(byDate).extracting(i -> i.get(Attributes.DISCLOSURE_ID).s())
                .containsExactly("120250101000001", "120250101000002");

        var byCompany = db.query(b -> b.tableName(Names.DISCLOSURES_TABLE).indexName(Names.DISCLOSURES_BY_COMPANY_INDEX)
                .keyConditionExpression("#c = :c").expressionAttributeNames(Map.of("#c", Attributes.COMPANY_CODE))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("7203")))).items();
        assertThat(byCompany).extracting(i -> i.get(Attributes.DISCLOSURE_ID).s())
                .containsExactly("120250101000002", "120250102000001");
        assertThat(byCompany.get(0)).containsKey(Attributes.TITLE); // projection ALL
    }

    @Test
    void executionsTableHasItsDateIndexAndTtl() {
        var table = stack.dynamoDb().describeTable(b -> b.tableName(Names.EXECUTIONS_TABLE)).table();
        assertThat(table.globalSecondaryIndexes()).extracting(i -> i.indexName()).containsExactly(Names.EXECUTIONS_BY_DATE_INDEX);
        assertThat(stack.ttlSupported()).isTrue();
        assertThat(stack.dynamoDb().describeTimeToLive(b -> b.tableName(Names.EXECUTIONS_TABLE))
                .timeToLiveDescription().attributeName()).isEqualTo(Attributes.TTL);
    }

    private static Map<String, AttributeValue> disclosure(String id, String date, String company) {
        String time = date + "T" + id.substring(12, 14) + ":00:00+09:00";
        return Map.of(
                Attributes.DISCLOSURE_ID, AttributeValue.fromS(id),
                Attributes.DISCLOSED_DATE, AttributeValue.fromS(date),
                Attributes.DISCLOSED_AT_ID, AttributeValue.fromS(time + "#" + id),
                Attributes.COMPANY_CODE, AttributeValue.fromS(company),
                Attributes.TITLE, AttributeValue.fromS("title " + id));
    }
}
