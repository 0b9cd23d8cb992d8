package io.tdnet.twin;

import io.tdnet.embedded.BlankEmulators;
import io.tdnet.embedded.DynamoDbLocalServer;
import io.tdnet.embedded.Rollback;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.model.EnvVars;
import io.tdnet.model.LambdaHandlers;
import io.tdnet.model.MetricNames;
import io.tdnet.model.StackOutputs;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.twin.aws.CheckReport;
import io.tdnet.twin.aws.CloudFormationTemplate;
import io.tdnet.twin.aws.EnvironmentCheck;
import io.tdnet.twin.aws.IamCheck;
import io.tdnet.twin.aws.MetricIdentityCheck;
import io.tdnet.twin.aws.Provisioner;
import io.tdnet.twin.aws.TableDeclaration;
import io.tdnet.twin.aws.TwinAccount;
import io.tdnet.twin.aws.TwinGateway;
import io.tdnet.twin.lambda.CredentialAuthority;
import io.tdnet.twin.lambda.FunctionFigures;
import io.tdnet.twin.lambda.FunctionVariables;
import io.tdnet.twin.lambda.InvocationResult;
import io.tdnet.twin.lambda.LambdaService;
import io.tdnet.twin.lambda.StaticKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The AWS twin of the deployed stack, built from the synthesized template alone: the emulators started
 * blank, every queue/table/bucket of the template provisioned with its resolved name, the credentials
 * authority and the recording gateway (the one loopback endpoint), and the template's functions, event
 * sources and schedules on the Lambda service. {@link #runDay} runs one TDnet day end to end and returns
 * the summary, the figures and the three cross-checks.
 */
public final class AwsTwin implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AwsTwin.class);
    /** The principal of the operator's key (the CLI, the twin's own reads of the ledger). */
    public static final String CLI_PRINCIPAL = "cli";
    private static final Duration POLL = Duration.ofSeconds(1);

    private final CloudFormationTemplate template;
    private final BlankEmulators emulators;
    private final DynamoDbLocalServer scheduleEngine;
    private final CredentialAuthority credentials;
    private final TwinGateway gateway;
    private final LambdaService lambda;
    private final StaticKey cliKey;
    private final Map<String, String> injected;
    private final Path workDir;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private AwsTwin(CloudFormationTemplate template, BlankEmulators emulators, DynamoDbLocalServer scheduleEngine,
                    CredentialAuthority credentials, TwinGateway gateway, LambdaService lambda, Map<String, String> injected,
                    Path workDir) {
        this.template = template;
        this.emulators = emulators;
        this.scheduleEngine = scheduleEngine;
        this.credentials = credentials;
        this.gateway = gateway;
        this.lambda = lambda;
        this.injected = Map.copyOf(injected);
        this.workDir = workDir;
        this.cliKey = credentials.issueFor(CLI_PRINCIPAL);
    }

    /**
     * Starts the twin of {@code template}.
     *
     * @param tdnetBaseUrl replaces the template's TDnet URL (the one override besides the endpoint)
     * @param workDir      S3 objects under {@code s3/}, function logs under {@code logs/}
     */
    public static AwsTwin start(CloudFormationTemplate template, String tdnetBaseUrl, Path workDir) {
        return start(template, tdnetBaseUrl, workDir, null);
    }

    /**
     * As {@link #start(CloudFormationTemplate, String, Path)}, and every function's pacer appends what it
     * sent to {@code sendLog} ({@link FunctionVariables#SEND_LOG}; the politeness benchmark), when not null.
     */
    public static AwsTwin start(CloudFormationTemplate template, String tdnetBaseUrl, Path workDir, Path sendLog) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Files.createDirectories(workDir);
            BlankEmulators emulators = BlankEmulators.start(workDir.resolve("s3"), TwinAccount.ACCOUNT, TwinAccount.REGION);
            opened.add(emulators);
            provision(template, emulators);
            // the pacer's table on an engine of its own, as locally (EmbeddedAwsStack.scheduleDynamoDb()): one
            // DynamoDB Local engine answers one request at a time, and on AWS the pacer table's latency does not
            // depend on the persister's transactions on the archive's tables
            DynamoDbLocalServer scheduleEngine = DynamoDbLocalServer.start();
            opened.add(scheduleEngine);
            String pacerTable = template.outputs().get(StackOutputs.PACER_TABLE);
            provisionTable(template, pacerTable, scheduleEngine);
            CredentialAuthority credentials = CredentialAuthority.start();
            opened.add(credentials);
            TwinGateway gateway = TwinGateway.start(credentials, Map.of(
                    "sqs", emulators.sqsEndpoint(), "dynamodb", emulators.dynamoDbEndpoint(), "s3", emulators.s3Endpoint()),
                    Map.of(pacerTable, scheduleEngine.endpoint()), template.stackName(), template.outputs());
            opened.add(gateway);
            Map<String, String> injected = new LinkedHashMap<>();
            injected.put(FunctionVariables.ENDPOINT_OVERRIDE, gateway.endpoint().toString());
            injected.put(FunctionVariables.TDNET_BASE_URL, tdnetBaseUrl);
            injected.put(FunctionVariables.REGION, TwinAccount.REGION);
            if (sendLog != null) injected.put(FunctionVariables.SEND_LOG, sendLog.toAbsolutePath().toString());
            LambdaService lambda = new LambdaService(template.functions(), template.eventSources(), template.schedules(),
                    injected, gateway.endpoint(), credentials, workDir.resolve("logs"));
            opened.add(lambda);
            log.info("AWS twin of {} up: gateway {}, work dir {}", template.stackName(), gateway.endpoint(), workDir);
            return new AwsTwin(template, emulators, scheduleEngine, credentials, gateway, lambda, injected, workDir);
        } catch (Exception e) {
            Rollback.closeInReverse(opened, e);
            throw e instanceof RuntimeException re ? re
                    : e instanceof IOException io ? new UncheckedIOException(io) : new IllegalStateException("the twin did not start: " + e, e);
        }
    }

    private static void provision(CloudFormationTemplate template, BlankEmulators emulators) {
        StaticCredentialsProvider admin = StaticCredentialsProvider.create(AwsBasicCredentials.create("provisioner", "provisioner"));
        Region region = Region.of(TwinAccount.REGION);
        try (SqsClient sqs = SqsClient.builder().endpointOverride(emulators.sqsEndpoint()).region(region).credentialsProvider(admin)
                        .httpClient(UrlConnectionHttpClient.create()).build();
             DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(emulators.dynamoDbEndpoint()).region(region)
                        .credentialsProvider(admin).httpClient(UrlConnectionHttpClient.create()).build();
             S3Client s3 = S3Client.builder().endpointOverride(emulators.s3Endpoint()).region(region).credentialsProvider(admin)
                        .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create()).build()) {
            new Provisioner(sqs, dynamoDb, s3).provision(template);
        }
    }

    /** Creates {@code table} of the template on {@code engine} too (the gateway sends its requests there). */
    private static void provisionTable(CloudFormationTemplate template, String table, DynamoDbLocalServer engine) {
        TableDeclaration declared = template.tables().stream().filter(t -> t.name().equals(table)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the template declares no table " + table));
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(engine.endpoint()).region(Region.of(TwinAccount.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("provisioner", "provisioner")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            dynamoDb.createTable(Provisioner.createTableRequest(declared));
        }
    }

    /** The engines behind the gateway's DynamoDB: the archive's tables, and the pacer's on its own (tests). */
    URI archiveEngine() { return emulators.dynamoDbEndpoint(); }
    URI scheduleEngine() { return scheduleEngine.endpoint(); }

    public CloudFormationTemplate template() { return template; }
    /** The one endpoint every client uses ({@code --endpoint-url}). */
    public URI endpoint() { return gateway.endpoint(); }
    public TwinGateway gateway() { return gateway; }
    public LambdaService lambda() { return lambda; }
    /** A live key of the {@value #CLI_PRINCIPAL} principal. */
    public StaticKey cliKey() { return cliKey; }
    /** What the twin injects besides the template (endpoint, TDnet URL, region). */
    public Map<String, String> injected() { return injected; }
    public Path logDir() { return workDir.resolve("logs"); }

    /** An SQS client of the CLI principal, through the gateway. */
    public SqsClient sqsClient() {
        return register(SqsClient.builder().endpointOverride(endpoint()).region(Region.of(TwinAccount.REGION))
                .credentialsProvider(cliCredentials()).httpClient(UrlConnectionHttpClient.create()).build());
    }

    /** A DynamoDB client of the CLI principal, through the gateway. */
    public DynamoDbClient dynamoDbClient() {
        return register(DynamoDbClient.builder().endpointOverride(endpoint()).region(Region.of(TwinAccount.REGION))
                .credentialsProvider(cliCredentials()).httpClient(UrlConnectionHttpClient.create()).build());
    }

    /** An S3 client of the CLI principal, through the gateway (path-style). */
    public S3Client s3Client() {
        return register(S3Client.builder().endpointOverride(endpoint()).region(Region.of(TwinAccount.REGION))
                .credentialsProvider(cliCredentials()).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create()).build());
    }

    /**
     * Runs one TDnet day: fires the template's lister schedule with the date, lets the pollers drain both
     * queues, and waits until the execution has settled and no message is left (or {@code timeout}).
     */
    public DayRun runDay(LocalDate date, Duration timeout) {
        String rule = scheduleOf(LambdaHandlers.LISTER)
                .orElseThrow(() -> new IllegalStateException("the template has no lister schedule"));
        lambda.startPollers();
        long started = System.nanoTime();
        InvocationResult lister = lambda.runSchedule(rule, "{\"detail\":{\"date\":\"" + date + "\"}}");
        log.info("twin {}: lister {} in {} ms", date, lister.status(), lister.duration().toMillis());
        ExecutionQueries ledger = new ExecutionQueries(dynamoDbClient(), output("ExecutionsTableName"));
        SqsClient sqs = sqsClient();
        List<String> queues = List.of(output("DownloadQueueUrl"), output("PersistQueueUrl"));
        long deadline = started + timeout.toNanos();
        Optional<ExecutionSummary> summary = ledger.latestFor(date);
        boolean settled = false;
        while (lister.succeeded() && System.nanoTime() < deadline) {
            summary = ledger.latestFor(date);
            if (summary.isPresent() && summary.get().status().isSettled() && queuesEmpty(sqs, queues)) {
                settled = true;
                break;
            }
            pause();
        }
        // on AWS the reconciler's schedule fires every 15 minutes: once after the day, so its run (metrics,
        // calls, environment) is part of the day the cross-checks look at
        scheduleOf(LambdaHandlers.RECONCILER).ifPresent(reconcilerRule -> {
            InvocationResult reconciled = lambda.runSchedule(reconcilerRule, null);
            log.info("twin {}: reconciler {} in {} ms", date, reconciled.status(), reconciled.duration().toMillis());
        });
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        return new DayRun(date, lister, summary, settled, wall, lambda.figures(), checks());
    }

    /** An execution's summary row as the ledger holds it, read with the CLI principal's key. */
    public Optional<ExecutionSummary> executionSummary(String executionId) {
        return new ExecutionQueries(dynamoDbClient(), output("ExecutionsTableName")).summary(executionId);
    }

    /** The schedule rule that targets the function with this handler (the lister's, the reconciler's). */
    public java.util.Optional<String> scheduleOf(String handler) {
        java.util.Set<String> functions = new java.util.HashSet<>();
        template.functions().stream().filter(f -> f.handler().equals(handler)).forEach(f -> functions.add(f.logicalId()));
        return template.schedules().stream().filter(r -> r.functionLogicalIds().stream().anyMatch(functions::contains))
                .map(io.tdnet.twin.ScheduleSpec::ruleLogicalId).findFirst();
    }

    /** The three cross-checks over every call and log line so far. */
    public List<CheckReport> checks() {
        return checks(template);
    }

    /** The cross-checks against another (e.g. deliberately broken) copy of the template. */
    public List<CheckReport> checks(CloudFormationTemplate against) {
        Map<String, FunctionFigures> figures = lambda.figures();
        Map<String, List<Path>> logs = new LinkedHashMap<>();
        List<Path> all = new ArrayList<>();
        figures.forEach((fn, f) -> {
            logs.put(fn, f.logFiles());
            all.addAll(f.logFiles());
        });
        Set<String> injectedNames = new HashSet<>(FunctionVariables.INJECTABLE);
        injectedNames.addAll(FunctionVariables.RESERVED);
        // the namespace the code prints its EMF lines on; MetricIdentityCheck refuses alarms on any other
        return List.of(IamCheck.run(against, gateway.calls()),
                MetricIdentityCheck.run(against, MetricNames.NAMESPACE, all),
                EnvironmentCheck.run(against, injectedNames, logs));
    }

    private String output(String name) {
        String value = template.outputs().get(name);
        if (value == null) {
            throw new IllegalStateException("the template has no output " + name + "; outputs: " + template.outputs().keySet());
        }
        return value;
    }

    private static boolean queuesEmpty(SqsClient sqs, List<String> urls) {
        for (String url : urls) {
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            if (a.values().stream().mapToLong(Long::parseLong).sum() > 0) return false;
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the day to settle", e);
        }
    }

    private StaticCredentialsProvider cliCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(cliKey.accessKeyId(), cliKey.secretAccessKey()));
    }

    private <T extends AutoCloseable> T register(T client) {
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    @Override
    public void close() {
        RuntimeException failure = new RuntimeException("closing the AWS twin failed");
        List<AutoCloseable> all = new ArrayList<>(clients);
        all.addAll(List.of(lambda, gateway, credentials, scheduleEngine, emulators));
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        if (failure.getSuppressed().length > 0) throw failure;
    }
}
