package io.tdnet.twin.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tdnet.embedded.BlankEmulators;
import io.tdnet.model.EnvVars;
import io.tdnet.twin.EventSourceSpec;
import io.tdnet.twin.FunctionSpec;
import io.tdnet.twin.ScheduleSpec;
import io.tdnet.twin.aws.TwinAccount;
import io.tdnet.twin.aws.TwinGateway;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The real persister Lambda jar, run through the official runtime interface client in child JVMs against
 * blank emulators behind the twin's gateway (the persister checks its two tables at restore, so DynamoDB
 * must answer over a socket; only its queue pair and those tables exist). One service for the class: each
 * environment is a JVM start, and there are four.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaServiceIT {
    static final Path PERSISTER_JAR = Path.of("..", "persister", "target", "persister-lambda.jar");
    static final String HANDLER = "io.tdnet.persister.PersisterHandler::handleRequest";
    private static final String REGION = "ap-northeast-1";

    @TempDir
    static Path logs;
    private BlankEmulators emulators;
    private TwinGateway gateway;
    private SqsClient sqs;
    private CredentialAuthority credentials;
    private LambdaService lambda;
    private URI sqsEndpoint;
    private String persistQueue;
    private String persistDlq;

    @BeforeAll
    void start() throws IOException {
        emulators = BlankEmulators.start(logs.resolve("s3"), TwinAccount.ACCOUNT, REGION);
        credentials = CredentialAuthority.start();
        gateway = TwinGateway.start(credentials, Map.of("sqs", emulators.sqsEndpoint(),
                "dynamodb", emulators.dynamoDbEndpoint(), "s3", emulators.s3Endpoint()), "TdnetPipeline-twin", Map.of());
        sqsEndpoint = gateway.endpoint();
        var admin = StaticCredentialsProvider.create(AwsBasicCredentials.create("admin", "admin"));
        sqs = SqsClient.builder().endpointOverride(emulators.sqsEndpoint()).region(Region.of(REGION))
                .credentialsProvider(admin).httpClient(UrlConnectionHttpClient.create()).build();
        persistQueue = sqs.createQueue(b -> b.queueName("tdnet-persist")).queueUrl();
        persistDlq = sqs.createQueue(b -> b.queueName("tdnet-persist-dlq")).queueUrl();
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(emulators.dynamoDbEndpoint())
                .region(Region.of(REGION)).credentialsProvider(admin).httpClient(UrlConnectionHttpClient.create()).build()) {
            for (String table : List.of("tdnet-executions", "tdnet-disclosures")) {
                dynamoDb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            }
        }
        Map<String, String> template = Map.of(
                EnvVars.STACK, "TdnetPipeline-twin",
                EnvVars.PERSIST_QUEUE_URL, persistQueue,
                EnvVars.PERSIST_DLQ_URL, persistDlq,
                EnvVars.DISCLOSURES_TABLE, "tdnet-disclosures",
                EnvVars.EXECUTIONS_TABLE, "tdnet-executions");
        List<FunctionSpec> functions = List.of(
                persister("Persister", template, Duration.ofSeconds(30)),
                persister("Broken", Map.of(), Duration.ofSeconds(30)),           // init fails: no configuration
                persister("Hasty", template, Duration.ofMillis(1)));              // every invocation outlives its deadline
        EventSourceSpec source = new EventSourceSpec("Persister", persistQueue,
                "arn:aws:sqs:" + REGION + ":123456789012:tdnet-persist", 10, Duration.ofMillis(200), 2, true);
        ScheduleSpec rule = new ScheduleSpec("EmptyBatchRule", "rate(1 minute)", List.of("Persister"), "{\"Records\":[]}");
        lambda = new LambdaService(functions, List.of(source), List.of(rule),
                Map.of(FunctionVariables.ENDPOINT_OVERRIDE, sqsEndpoint.toString(), FunctionVariables.REGION, REGION),
                sqsEndpoint, credentials, logs);
    }

    @AfterAll
    void stop() {
        if (lambda != null) {
            lambda.close();
        }

        if (gateway != null) gateway.close();
        if (credentials != null) {
            credentials.close();
        }
        if (sqs != null) sqs.close();
        if (emulators != null) emulators.close();
    }

    @Test
    void theRuntimeClientRestoresSnapStartThenTakesTheEventAndAnswersWithBatchItemFailures() {
        String event = """
                {"Records":[
                  {"messageId":"m1","receiptHandle":"h1","body":"not json","attributes":{"ApproximateReceiveCount":"1"},
                   "messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:ap-northeast-1:123456789012:tdnet-persist","awsRegion":"ap-northeast-1"},
                  {"messageId":"m2","receiptHandle":"h2","body":"not json either","attributes":{"ApproximateReceiveCount":"1"},
                   "messageAttributes":{},"md5OfBody":"y","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:ap-northeast-1:123456789012:tdnet-persist","awsRegion":"ap-northeast-1"}
                ]}""";

        InvocationResult result = lambda.invoke("Persister", event);

        assertThat(result.status()).as(result.errorMessage()).isEqualTo(InvocationResult.Status.SUCCESS);
        assertThat(result.payload()).startsWith("{\"batchItemFailures\":");
        List<String> calls = lambda.lastRuntimeCalls("Persister");
        assertThat(calls).first().isEqualTo("GET /restore/next");
        assertThat(calls).contains("GET /invocation/next");
        assertThat(calls.indexOf("GET /restore/next")).isLessThan(calls.indexOf("GET /invocation/next"));
        assertThat(calls).anyMatch(c -> c.matches("POST /invocation/" + result.requestId() + "/response"));
    }

    /**
     * Defect 1 of the issue: credentials only as SnapStart delivers them. A handler that forces
     * EnvironmentVariableCredentialsProvider gets none (there is no AWS_ACCESS_KEY_ID) and every message
     * stays; one on the default chain gets the function's key from the container endpoint, dead-letters
     * the malformed messages through SQS, and the batch is deleted. Which one runs depends on the jar built.
     */
    @Test
    void credentialsArriveOnlyThroughTheContainerEndpoint() throws IOException {
        boolean forcesEnvironmentCredentials = jarMentions(PERSISTER_JAR, "EnvironmentVariableCredentialsProvider");
        lambda.startPollers();
        SqsEventSourcePoller poller = lambda.pollers().get(0);
        sqs.sendMessage(b -> b.queueUrl(persistQueue).messageBody("not json 1"));
        sqs.sendMessage(b -> b.queueUrl(persistQueue).messageBody("not json 2"));

        await().atMost(Duration.ofSeconds(40)).until(() -> poller.deleted() + poller.returned() >= 2);

        String logs = readLogs(lambda.figures().get("Persister").logFiles());
        if (forcesEnvironmentCredentials) {
            assertThat(poller.returned()).isEqualTo(2);
            assertThat(poller.deleted()).isZero();
            assertThat(logs).contains("Unable to load credentials from system settings");
        } else {
            assertThat(poller.deleted()).isEqualTo(2);
            assertThat(logs).doesNotContain("Unable to load credentials");
            assertThat(sqs.getQueueAttributes(b -> b.queueUrl(persistDlq)
                    .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings())
                    .containsEntry("ApproximateNumberOfMessages", "2");
        }
    }

    @Test
    void anInitErrorIsSurfacedWithTheHandlersMessage() {
        InvocationResult result = lambda.invoke("Broken", "{\"Records\":[]}");

        assertThat(result.status()).isEqualTo(InvocationResult.Status.INIT_ERROR);
        assertThat(result.errorMessage()).contains("is not set");
        assertThat(result.coldStart()).isTrue();
        FunctionFigures figures = lambda.figures().get("Broken");
        assertThat(figures.initErrors()).isEqualTo(1);
        assertThat(figures.logFiles()).hasSize(1);
    }

    @Test
    void anInvocationPastItsDeadlineKillsTheEnvironmentAndTheNextOneStartsCold() {
        InvocationResult first = lambda.invoke("Hasty", "{\"Records\":[]}");
        InvocationResult second = lambda.invoke("Hasty", "{\"Records\":[]}");

        assertThat(first.status()).isEqualTo(InvocationResult.Status.TIMEOUT);
        assertThat(first.errorMessage()).contains("Task timed out");
        assertThat(second.coldStart()).isTrue();
        FunctionFigures figures = lambda.figures().get("Hasty");
        assertThat(figures.timeouts()).isEqualTo(2);
        assertThat(figures.coldStarts()).isEqualTo(2);
        assertThat(figures.logFiles()).hasSize(2);
    }

    @Test
    void aScheduleRuleInvokesItsTargetWithItsInput() {
        InvocationResult result = lambda.runSchedule("EmptyBatchRule", null);

        assertThat(result.status()).isEqualTo(InvocationResult.Status.SUCCESS);
        assertThat(result.payload()).isEqualTo("{\"batchItemFailures\":[]}");
        assertThatThrownBy(() -> lambda.runSchedule("NoSuchRule", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EmptyBatchRule");
    }

    @Test
    void figuresCountInvocationsAndDurations() {
        lambda.invoke("Persister", "{\"Records\":[]}");
        FunctionFigures figures = lambda.figures().get("Persister");
        assertThat(figures.invocations()).isGreaterThanOrEqualTo(1);
        assertThat(figures.coldStarts()).isGreaterThanOrEqualTo(1);
        assertThat(figures.p99DurationMs()).isGreaterThanOrEqualTo(figures.p50DurationMs());
        assertThat(figures.logFiles()).allSatisfy(log -> assertThat(log).exists());
    }

    @Test
    void onlyTheDocumentedNamesMayBeInjected() {
        assertThatThrownBy(() -> new LambdaService(List.of(), List.of(), List.of(),
                Map.of("AWS_ACCESS_KEY_ID", "AKIA"), sqsEndpoint, credentials, logs))
                .hasMessageContaining("AWS_ACCESS_KEY_ID");
        assertThatThrownBy(() -> new LambdaService(
                List.of(persister("Leaky", Map.of("AWS_SECRET_ACCESS_KEY", "x"), Duration.ofSeconds(3))),
                List.of(), List.of(), Map.of(), sqsEndpoint, credentials, logs))
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY");
    }

    private static FunctionSpec persister(String logicalId, Map<String, String> environment, Duration timeout) {
        return new FunctionSpec(logicalId, "tdnet-twin-" + logicalId.toLowerCase(), HANDLER, PERSISTER_JAR, 256,
                timeout, environment, true, logicalId + "Role");
    }

    private static boolean jarMentions(Path jar, String text) throws IOException {
        assertThat(jar).as("build it: mvn -pl persister -am package -DskipTests").exists();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream()
                    .filter(e -> e.getName().startsWith("io/tdnet/") && e.getName().endsWith(".class"))
                    .anyMatch(e -> {
                        try (var in = zip.getInputStream(e)) {
                            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(text);
                        } catch (IOException io) {
                            throw new IllegalStateException(io);
                        }
                    });
        }
    }

    private static String readLogs(List<Path> files) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : files) {
            all.append(Files.readString(file, StandardCharsets.UTF_8));
        }
        return all.toString();
    }
}
