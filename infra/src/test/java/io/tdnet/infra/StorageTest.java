package io.tdnet.infra;

import io.tdnet.model.Attributes;
import io.tdnet.model.Names;
import io.tdnet.model.S3Keys;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

import java.util.List;
import java.util.Map;

import static io.tdnet.infra.TemplateJson.flatten;
import static io.tdnet.infra.TemplateJson.list;
import static io.tdnet.infra.TemplateJson.map;
import static org.assertj.core.api.Assertions.assertThat;

class StorageTest {
    private static final String TABLE = "AWS::DynamoDB::Table";
    private final TemplateJson t = TemplateJson.prod();

    @Test
    void bucketIsPrivateEncryptedVersionedAndRetained() {
        Map<String, Map<String, Object>> buckets = t.ofType("AWS::S3::Bucket");
        assertThat(buckets).hasSize(1);
        String id = buckets.keySet().iterator().next();
        Map<String, Object> props = buckets.get(id);
        assertThat(props.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true,
                "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(props.get("BucketEncryption").toString()).contains("SSEAlgorithm=AES256");
        assertThat(props.get("VersioningConfiguration")).isEqualTo(Map.of("Status", "Enabled"));
        assertThat(t.resource(id).get("DeletionPolicy")).isEqualTo("Retain");
        assertThat(t.resource(id).get("UpdateReplacePolicy")).isEqualTo("Retain");
    }

    @Test
    void bucketNameIsTheStagedNamePlusTheAccount() {
        Object name = t.ofType("AWS::S3::Bucket").values().iterator().next().get("BucketName");
        assertThat(flatten(name)).isEqualTo(Names.staged(Names.BUCKET, "prod") + "-${AWS::AccountId}");
    }

    @Test
    void bucketPolicyDeniesEveryRequestWithoutTls() {
        Map<String, Object> policy = t.ofType("AWS::S3::BucketPolicy").values().iterator().next();
        List<Object> statements = list(map(policy.get("PolicyDocument")).get("Statement"));
        assertThat(statements).anySatisfy(s -> {
            Map<String, Object> statement = map(s);
            assertThat(statement.get("Effect")).isEqualTo("Deny");
            assertThat(statement.get("Action")).isEqualTo("s3:*");
            assertThat(statement.get("Condition")).isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
        });
    }

    @Test
    void lifecycleExpiresNoncurrentVersionsAndAbortsDeadUploadsAfterADay() {
        Map<String, Object> bucket = t.ofType("AWS::S3::Bucket").values().iterator().next();
        List<Object> rules = list(map(bucket.get("LifecycleConfiguration")).get("Rules"));
        assertThat(rules).singleElement().satisfies(r -> {
            Map<String, Object> rule = map(r);
            assertThat(rule).doesNotContainKey("Prefix");
            assertThat(rule.get("NoncurrentVersionExpiration")).isEqualTo(Map.of("NoncurrentDays", 90));
            assertThat(rule.get("AbortIncompleteMultipartUpload")).isEqualTo(Map.of("DaysAfterInitiation", 1));
            assertThat(rule.get("Status")).isEqualTo("Enabled");
        });
    }

    @Test
    void tablesAreOnDemandWithPitrDeletionProtectionAndRetained() {
        Map<String, Map<String, Object>> tables = new java.util.HashMap<>(t.ofType(TABLE));
        // the pacer table holds one schedule item, rebuilt on first use: on demand, nothing to recover or retain
        assertThat(tables.values()).filteredOn(p -> Names.staged(Names.PACER_TABLE, "prod").equals(p.get("TableName")))
                .singleElement().satisfies(p -> assertThat(p.get("BillingMode")).isEqualTo("PAY_PER_REQUEST"));
        tables.values().removeIf(p -> Names.staged(Names.PACER_TABLE, "prod").equals(p.get("TableName")));
        assertThat(tables).hasSize(2);
        tables.forEach((id, props) -> {
            assertThat(props.get("BillingMode")).as(id).isEqualTo("PAY_PER_REQUEST");
            assertThat(props.get("PointInTimeRecoverySpecification"))
                    .as(id).isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
            assertThat(props.get("DeletionProtectionEnabled")).as(id).isEqualTo(true);
            assertThat(props).as(id).doesNotContainKey("ProvisionedThroughput");
            assertThat(t.resource(id).get("DeletionPolicy")).as(id).isEqualTo("Retain");
        });
    }

    @Test
    void disclosuresTableKeysAndIndexesMatchTheDataModel() {
        SynthesizedStack.template().hasResourceProperties(TABLE, Match.objectLike(Map.of(
                "TableName", Names.staged(Names.DISCLOSURES_TABLE, "prod"),
                "KeySchema", List.of(Map.of("AttributeName", Attributes.DISCLOSURE_ID, "KeyType", "HASH")),
                "GlobalSecondaryIndexes", Match.arrayWith(List.of(
                        gsi(Names.DISCLOSURES_BY_DATE_INDEX, Attributes.DISCLOSED_DATE, Attributes.DISCLOSED_AT_ID),
                        gsi(Names.DISCLOSURES_BY_COMPANY_INDEX, Attributes.COMPANY_CODE, Attributes.DISCLOSED_AT_ID))))));
        Map<String, Object> props = t.propertiesOf(t.idWhere(TABLE, "TableName", Names.staged(Names.DISCLOSURES_TABLE, "prod")));
        assertThat(list(props.get("GlobalSecondaryIndexes"))).hasSize(2);
        assertThat(props).doesNotContainKey("TimeToLiveSpecification");
    }

    @Test
    void executionsTableHasCompositeKeyTtlAndTheByTargetDateIndex() {
        SynthesizedStack.template().hasResourceProperties(TABLE, Match.objectLike(Map.of(
                "TableName", Names.staged(Names.EXECUTIONS_TABLE, "prod"),
                "KeySchema", List.of(
                        Map.of("AttributeName", Attributes.EXECUTION_ID, "KeyType", "HASH"),
                        Map.of("AttributeName", Attributes.ENTRY, "KeyType", "RANGE")),
                "TimeToLiveSpecification", Map.of("AttributeName", Attributes.TTL, "Enabled", true),
                "GlobalSecondaryIndexes", List.of(
                        gsi(Names.EXECUTIONS_BY_DATE_INDEX, Attributes.TARGET_DATE, Attributes.STARTED_AT)))));
    }

    private static Object gsi(String name, String partitionKey, String sortKey) {
        return Match.objectLike(Map.of(
                "IndexName", name,
                "KeySchema", List.of(
                        Map.of("AttributeName", partitionKey, "KeyType", "HASH"),
                        Map.of("AttributeName", sortKey, "KeyType", "RANGE")),
                "Projection", Map.of("ProjectionType", "ALL")));
    }
}
