package io.tdnet.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.twin.aws.RecordedCall;
import io.tdnet.twin.aws.TwinAccount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** The recording gateway with real SDK clients: routing, attribution, refused keys and signatures, stack outputs. */
@ExtendWith(TwinExtension.class)
class TwinGatewayIT {

    @Test
    void routesEachServiceToItsEmulatorAndRecordsWhoDidWhatOnWhichResource(TwinExtension.Fixture fixture) {
        AwsTwin twin = fixture.twin();
        Map<String, String> outputs = twin.template().outputs();
        String bucket = outputs.get("BucketName");
        String key = "pdf/2026-02-13/gateway it+1.pdf";
        S3Client s3 = twin.s3Client();
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("%PDF-1.4 gateway"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String()).isEqualTo("%PDF-1.4 gateway");
        assertThat(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength()).isEqualTo(16);

        SqsClient sqs = twin.sqsClient();
        String dlq = outputs.get("PersistDlqUrl");
        sqs.sendMessage(b -> b.queueUrl(dlq).messageBody("{}"));
        assertThat(sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(1)).messages()).hasSize(1);

        DynamoDbClient dynamo = twin.dynamoDbClient();
        String table = outputs.get("ExecutionsTableName");
        assertThat(dynamo.describeTable(b -> b.tableName(table)).table().tableName()).isEqualTo(table);

        List<RecordedCall> mine = twin.gateway().calls().stream().filter(c -> c.principal().equals(AwsTwin.CLI_PRINCIPAL)).toList();
        assertThat(mine).anySatisfy(c -> {
            assertThat(c.operation()).isEqualTo("PutObject");
            assertThat(c.authorizations()).singleElement().satisfies(a -> {
                assertThat(a.action()).isEqualTo("s3:PutObject");
                assertThat(a.resource()).isEqualTo("arn:aws:s3:::" + bucket + "/" + key);
            });
        });
        assertThat(mine).anySatisfy(c -> assertThat(c.authorizations()).anySatisfy(a -> {
            assertThat(a.action()).isEqualTo("sqs:SendMessage");
            assertThat(a.resource()).isEqualTo("arn:aws:sqs:ap-northeast-1:123456789012:tdnet-persist-dlq-twin");
        }));
        assertThat(mine).anySatisfy(c -> assertThat(c.authorizations()).anySatisfy(a -> assertThat(a.resource())
                .isEqualTo("arn:aws:dynamodb:ap-northeast-1:123456789012:table/" + table)));
    }

    @Test
    void thePacerTableIsServedByAnEngineOfItsOwnAndTheArchiveTablesAreNot(TwinExtension.Fixture fixture) {
        AwsTwin twin = fixture.twin();
        String pacer = twin.template().outputs().get("PacerTableName");
        String executions = twin.template().outputs().get("ExecutionsTableName");
        Map<String, AttributeValue> item = Map.of("schedule", AttributeValue.fromS("gateway-it"), "next_us", AttributeValue.fromN("7"));
        twin.dynamoDbClient().putItem(b -> b.tableName(pacer).item(item));
        assertThat(twin.dynamoDbClient().getItem(b -> b.tableName(pacer).key(Map.of("schedule", item.get("schedule")))
                .consistentRead(true)).item()).containsEntry("next_us", AttributeValue.fromN("7"));
        try (DynamoDbClient schedule = direct(twin.scheduleEngine()); DynamoDbClient archive = direct(twin.archiveEngine())) {
            assertThat(schedule.getItem(b -> b.tableName(pacer).key(Map.of("schedule", item.get("schedule")))).hasItem()).isTrue();
            assertThat(archive.getItem(b -> b.tableName(pacer).key(Map.of("schedule", item.get("schedule")))).hasItem()).isFalse();
            // the archive's tables stay where they were
            assertThat(archive.describeTable(b -> b.tableName(executions)).table().tableName()).isEqualTo(executions);
            assertThatThrownBy(() -> schedule.describeTable(b -> b.tableName(executions))).isInstanceOf(DynamoDbException.class);
        }
    }

    private static DynamoDbClient direct(java.net.URI engine) {
        return DynamoDbClient.builder().endpointOverride(engine).region(Region.of(TwinAccount.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void aBucketNameRebuiltWithoutTheStackIsNoSuchBucketAndRecordedSo(TwinExtension.Fixture fixture) {
        AwsTwin twin = fixture.twin();
        // what `collect --aws` used to do: the staged name without the account suffix the stack adds
        String rebuilt = "tdnet-archive-twin";
        assertThat(twin.template().outputs().get("BucketName")).isEqualTo(rebuilt + "-" + TwinAccount.ACCOUNT);
        assertThatThrownBy(() -> twin.s3Client().putObject(b -> b.bucket(rebuilt).key("pdf/x.pdf"), RequestBody.fromString("x")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThat(twin.gateway().calls()).anySatisfy(c -> {
            assertThat(c.errorCode()).isEqualTo("NoSuchBucket");
            assertThat(c.authorizations()).anySatisfy(a -> assertThat(a.resource()).isEqualTo("arn:aws:s3:::" + rebuilt + "/pdf/x.pdf"));
        });
    }

    @Test
    void anUnknownKeyIsRefusedWithTheErrorEachServiceGives(TwinExtension.Fixture fixture) {
        AwsTwin twin = fixture.twin();
        StaticCredentialsProvider stranger = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASTRANGER", "nope"));
        Region region = Region.of(TwinAccount.REGION);
        try (S3Client s3 = S3Client.builder().endpointOverride(twin.endpoint()).region(region).forcePathStyle(true)
                     .credentialsProvider(stranger).httpClient(UrlConnectionHttpClient.create()).build();
             SqsClient sqs = SqsClient.builder().endpointOverride(twin.endpoint()).region(region)
                     .credentialsProvider(stranger).httpClient(UrlConnectionHttpClient.create()).build();
             DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(twin.endpoint()).region(region)
                     .credentialsProvider(stranger).httpClient(UrlConnectionHttpClient.create()).build()) {
            String bucket = twin.template().outputs().get("BucketName");
            assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(bucket))).isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
            assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(twin.template().outputs().get("PersistDlqUrl")).messageBody("{}")))
                    .isInstanceOf(SqsException.class).hasMessageContaining("never issued");
            assertThatThrownBy(() -> dynamo.listTables()).isInstanceOf(DynamoDbException.class)
                    .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
        assertThat(twin.gateway().calls()).anySatisfy(c -> assertThat(c.principal()).isEqualTo("refused:AKIASTRANGER"));
    }

    @Test
    void aRequestSignedWithTheWrongSecretIsRefused(TwinExtension.Fixture fixture) {
        AwsTwin twin = fixture.twin();
        StaticCredentialsProvider forged = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(twin.cliKey().accessKeyId(), "not-the-secret"));
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(twin.endpoint()).region(Region.of(TwinAccount.REGION))
                .credentialsProvider(forged).httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThatThrownBy(dynamo::listTables).isInstanceOf(DynamoDbException.class)
                    .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
        }
    }

    @Test
    void aTransactionNeedsEachInnerActionOnItsTable(TwinExtension.Fixture fixture) {
        AwsTwin twin = fixture.twin();
        String table = twin.template().outputs().get("ExecutionsTableName");
        twin.dynamoDbClient().transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName(table).item(Map.of(
                "execution_id", AttributeValue.fromS("gateway-it"), "entry", AttributeValue.fromS("#GATEWAY-IT"))))));
        // the gateway records a call before it answers: once the client has its answer, the call is in the list
        assertThat(twin.gateway().calls()).anySatisfy(c -> {
            assertThat(c.operation()).isEqualTo("TransactWriteItems");
            assertThat(c.authorizations()).singleElement().satisfies(a -> assertThat(a.action()).isEqualTo("dynamodb:PutItem"));
        });
    }
}
