package io.tdnet.infra;

import io.tdnet.model.EnvVars;
import io.tdnet.model.FunctionVariables;
import io.tdnet.model.LambdaHandlers;
import io.tdnet.model.MetricNames;
import io.tdnet.model.Names;
import io.tdnet.model.S3Keys;
import io.tdnet.model.SettleHorizon;
import io.tdnet.model.DownloadTiming;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four Lambdas, their least-privilege roles, event sources, and the lister's and reconciler's schedules.
 *
 * <p>All three run Java 21 on arm64 (Graviton: ~20% cheaper per GB-s, the jars are pure Java) with
 * SnapStart on published versions: the JVM and the SDK clients are restored from a snapshot instead of
 * started, which removes most of a Java cold start at no cost for Java runtimes. SnapStart only applies
 * to published versions, so each function publishes its current version behind the alias
 * {@value ResourceNames#LIVE_ALIAS}, and the event sources and the schedule invoke the alias.
 *
 * <p>Each function gets its own role with no managed policy (the usual AWSLambdaBasicExecutionRole
 * allows logs on {@code *}): only its own log group and the queues/tables/objects it uses. Metrics are
 * EMF log lines, so no {@code cloudwatch:PutMetricData}.
 *
 * <p>Scheduled lister runs get the input {@code {}}: no date, i.e. "today in JST" (the late sweep at
 * 23:30 JST is still the same JST day). A manual run passes the date the
 * way ListerHandler reads it: {@code {"detail": {"date": "YYYY-MM-DD"}}}.
 *
 * <p>Over 300 lines because each function's role policy is written beside the function it grants, so a
 * reader checks least privilege in one place (the twin's IAM check reads the same statements).
 */
public final class PipelineFunctions extends Construct {

    /**
     * Lister: reads up to ~30 list pages (3,000 rows / 100 per page) at R requests/s — 30 s at R = 1 —
     * then reads what the archive already holds of the date (one query of the date index) and sends ~3,000 messages in
     * batches of 10. 10 minutes leaves room for bounded page retries with Retry-After waits and for a
     * rate as low as 0.1 request/s (300 s of pages). 512 MB: pages are ~100 KB of HTML parsed one at a
     * time; more memory would only buy CPU the paced loop does not use, and most of the billed time
     * is spent waiting for the pacer.
     */
    public static final Duration LISTER_TIMEOUT = Duration.minutes(10);
    public static final int LISTER_MEMORY_MB = 512;

    /**
     * Downloader: streams each PDF (typically 100–300 KB, at most {@code Tdnet.DEFAULT_MAX_PDF_BYTES}
     * = 100 MB) to S3 in bounded parts while hashing it, so heap does not grow with the document.
     * 1024 MB buys the CPU share (Lambda allocates CPU in proportion to memory) for TLS + SHA-256 +
     * the S3 upload of a 100 MB outlier in seconds rather than a minute. A batch of
     * {@link #DOWNLOADER_BATCH_SIZE} at the shared pace (R = 1 by default, shared with other instances) is
     * ~5–10 s of pacing plus transfer; 5 minutes also covers one document's worst-case in-process retries
     * ({@code DownloadTiming.DOCUMENT_BUDGET} = 180 s, the arithmetic is there) plus 120 s of transfer.
     * The handler starts no document with less than that budget left; longer outages go back to SQS
     * with a growing visibility timeout.
     */
    public static final Duration DOWNLOADER_TIMEOUT = Duration.minutes(5);
    public static final int DOWNLOADER_MEMORY_MB = 1024;
    /** Small batches: a timeout redelivers little, and the shared pace makes big batches slow anyway. */
    public static final int DOWNLOADER_BATCH_SIZE = 5;

    /**
     * Persister: per message one DynamoDB transaction (conditional outcome write + counter update) and
     * at most a couple of reads, ~10–50 ms; a batch of {@link #PERSISTER_BATCH_SIZE} takes well under a
     * second. 60 s covers SDK retries under throttling. 512 MB: enough CPU for JSON and the SDK.
     */
    public static final Duration PERSISTER_TIMEOUT = Duration.seconds(60);
    public static final int PERSISTER_MEMORY_MB = 512;
    /** The SQS maximum without a batching window: fewer invocations, and each message fails alone. */
    public static final int PERSISTER_BATCH_SIZE = 10;

    /**
     * Reconciler: a scan of the unsettled executions (a handful), their PENDING rows and both DLQs
     * (received and let go, 10 at a time); seconds on a normal day, a few minutes with thousands of
     * dead letters. 256 MB: JSON and the SDK, nothing held.
     */
    public static final Duration RECONCILER_TIMEOUT = Duration.minutes(5);
    public static final int RECONCILER_MEMORY_MB = 256;
    /** SQS's counts lag the truth by up to a minute: "drained" must hold that long before it decides. */
    public static final java.time.Duration RECONCILER_DRAINED_GRACE = java.time.Duration.ofMinutes(2);


    private final Function lister;
    private final Function downloader;
    private final Function persister;
    private final Function reconciler;
    private final Alias listerAlias;
    private final Alias downloaderAlias;
    private final Alias persisterAlias;
    private final Alias reconcilerAlias;
    private final Rule reconcilerSchedule;
    private final SettleHorizon horizon;
    private final List<Rule> schedules;
    private final List<Named> named;

    /** A function with the label used in construct ids and its deployed (staged) name. */
    public record Named(String label, String functionName, Function function) {}

    public PipelineFunctions(Construct scope, String id, TdnetStackConfig config,
                             PipelineQueues queues, ArchiveStorage storage, TdnetSchedule schedule) {
        super(scope, id);
        String stage = config.stage();
        Map<String, String> environment = environment(config, queues, storage, schedule,
                software.amazon.awscdk.Stack.of(this).getStackName());

        // One lister at a time: two overlapping listings would double the request rate to TDnet.
        Integer listerReserved = config.listerReservedConcurrency() > 0 ? config.listerReservedConcurrency() : null;
        lister = function("Lister", Names.staged(ResourceNames.LISTER_FUNCTION, stage),
                LambdaHandlers.LISTER, config.jars().lister(), LISTER_MEMORY_MB, LISTER_TIMEOUT, listerReserved,
                "Lists one TDnet day and enqueues one download message per new disclosure", config,
                environmentOf(FunctionVariables.LISTER, environment));
        downloader = function("Downloader", Names.staged(ResourceNames.DOWNLOADER_FUNCTION, stage),
                LambdaHandlers.DOWNLOADER, config.jars().downloader(), DOWNLOADER_MEMORY_MB, StageTimings.cdk(config.timings().downloaderTimeout()), null,
                "Streams disclosure PDFs from TDnet to S3, paced by the deployment's shared schedule", config,
                environmentOf(FunctionVariables.DOWNLOADER, environment));
        persister = function("Persister", Names.staged(ResourceNames.PERSISTER_FUNCTION, stage),
                LambdaHandlers.PERSISTER, config.jars().persister(), PERSISTER_MEMORY_MB, StageTimings.cdk(config.timings().persisterTimeout()), null,
                "Writes disclosures and execution outcomes to DynamoDB", config,
                environmentOf(FunctionVariables.PERSISTER, environment));
        // the reconciler's horizon, derived from the queue and retry timings (SettleHorizon)
        horizon = settleHorizon(queues);
        environment.put(EnvVars.SETTLE_HORIZON_SECONDS, Long.toString(horizon.afterLastSign().toSeconds()));
        environment.put(EnvVars.UNSETTLED_DEADLINE_SECONDS, Long.toString(horizon.unsettledDeadline().toSeconds()));
        reconciler = function("Reconciler", Names.staged(ResourceNames.RECONCILER_FUNCTION, stage),
                LambdaHandlers.RECONCILER, config.jars().reconciler(), RECONCILER_MEMORY_MB, RECONCILER_TIMEOUT, 1,
                "Settles every execution: outcomes whose message left every live queue become FAILED with the reason",
                config, environmentOf(FunctionVariables.RECONCILER, environment));
        named = List.of(new Named("Lister", Names.staged(ResourceNames.LISTER_FUNCTION, stage), lister),
                new Named("Downloader", Names.staged(ResourceNames.DOWNLOADER_FUNCTION, stage), downloader),
                new Named("Persister", Names.staged(ResourceNames.PERSISTER_FUNCTION, stage), persister),
                new Named("Reconciler", Names.staged(ResourceNames.RECONCILER_FUNCTION, stage), reconciler));

        listerAlias = liveAlias("ListerLive", lister);
        downloaderAlias = liveAlias("DownloaderLive", downloader);
        persisterAlias = liveAlias("PersisterLive", persister);
        reconcilerAlias = liveAlias("ReconcilerLive", reconciler);

        grantLister(lister.getRole(), queues, storage);
        grantDownloader(downloader.getRole(), queues, storage);
        grantPacing(lister.getRole(), schedule);
        grantPacing(downloader.getRole(), schedule);
        grantPersister(persister.getRole(), queues, storage);
        grantReconciler(reconciler.getRole(), queues, storage);
        // each function proves its resources answer before it serves (ResourceCheck): the cheapest call per
        // resource, on exactly the resources it then uses; the downloader's HeadBucket is s3:ListBucket,
        // granted above for its "stored yet?" HEAD
        grantStartCheck(lister.getRole(), List.of(queues.downloadQueue()),
                List.of(storage.executions(), storage.disclosures(), schedule.table()));
        grantStartCheck(downloader.getRole(), List.of(queues.persistQueue(), queues.downloadDlq()),
                List.of(storage.executions(), schedule.table()));
        grantStartCheck(persister.getRole(), List.of(), List.of(storage.executions(), storage.disclosures()));
        grantStartCheck(reconciler.getRole(),
                List.of(queues.downloadQueue(), queues.persistQueue(), queues.downloadDlq(), queues.persistDlq()),
                List.of(storage.executions(), storage.disclosures()));

        downloaderAlias.addEventSource(new SqsEventSource(queues.downloadQueue(), SqsEventSourceProps.builder()
                .batchSize(DOWNLOADER_BATCH_SIZE)
                .maxConcurrency(config.downloaderConcurrency())
                .reportBatchItemFailures(true)
                .build()));
        persisterAlias.addEventSource(new SqsEventSource(queues.persistQueue(), SqsEventSourceProps.builder()
                .batchSize(PERSISTER_BATCH_SIZE)
                .maxConcurrency(config.persisterConcurrency())
                .reportBatchItemFailures(true)
                .build()));

        schedules = new java.util.ArrayList<>();
        for (int i = 0; i < config.listerSchedule().size(); i++) {
            Rule rule = Rule.Builder.create(this, "ListerSchedule" + i)
                    .description("Starts the TDnet lister (schedule expressions are UTC; see TdnetStackConfig)")
                    .schedule(Schedule.expression(config.listerSchedule().get(i)))
                    .build();
            rule.addTarget(new LambdaFunction(listerAlias, LambdaFunctionProps.builder()
                    .event(RuleTargetInput.fromObject(Map.of())) // {}: list today (JST)
                    // A run that cannot start within the hour is superseded by the next one.
                    .maxEventAge(Duration.hours(1))
                    .retryAttempts(2)
                    .build()));
            schedules.add(rule);
        }
        reconcilerSchedule = Rule.Builder.create(this, "ReconcilerSchedule")
                .description("Settles unsettled executions every " + SettleHorizon.RECONCILE_EVERY.toMinutes() + " minutes")
                .schedule(Schedule.rate(Duration.minutes(SettleHorizon.RECONCILE_EVERY.toMinutes())))
                .build();
        reconcilerSchedule.addTarget(new LambdaFunction(reconcilerAlias, LambdaFunctionProps.builder()
                .event(RuleTargetInput.fromObject(Map.of()))
                // the next run does the same work: a late one is worth nothing
                .maxEventAge(Duration.minutes(SettleHorizon.RECONCILE_EVERY.toMinutes()))
                .retryAttempts(0)
                .build()));
    }

    /**
     * The reconciler's horizon from the same timings the queues and the downloader's retry schedule
     * are built from (see {@link SettleHorizon}).
     */
    static SettleHorizon settleHorizon(PipelineQueues queues) {
        return SettleHorizon.of(
                SettleHorizon.retryPath(DownloadTiming.VISIBILITY_BASE, DownloadTiming.VISIBILITY_CAP,
                        DownloadTiming.MAX_RECEIVE_COUNT),
                DownloadTiming.VISIBILITY_CAP, queues.downloadVisibility(), DownloadTiming.DOCUMENT_BUDGET,
                Names.PERSIST_MAX_RECEIVE_COUNT, queues.persistVisibility());
    }

    private Function function(String id, String name, String handler, Path jar, int memoryMb, Duration timeout,
                              Integer reservedConcurrency, String description, TdnetStackConfig config, Map<String, String> environment) {
        LogGroup logGroup = LogGroup.Builder.create(this, id + "Logs")
                .logGroupName(ResourceNames.logGroupName(name))
                .retention(config.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Role role = Role.Builder.create(this, id + "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Least-privilege role of " + name)
                .build();
        logGroup.grantWrite(role);
        // No cloudwatch:PutMetricData: metrics leave as EMF lines in the function's log, which CloudWatch
        // turns into metrics without any call by the function. The namespace is fixed in the code's
        // EMF output (MetricNames.NAMESPACE) and checked against the alarms by the twin's metric check.
        return Function.Builder.create(this, id)
                .functionName(name)
                .description(description)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(Code.fromAsset(jar.toAbsolutePath().normalize().toString()))
                .memorySize(memoryMb)
                .timeout(timeout)
                .role(role)
                .logGroup(logGroup)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .reservedConcurrentExecutions(reservedConcurrency)
                .environment(environment)
                .build();
    }

    private Alias liveAlias(String id, Function function) {
        return Alias.Builder.create(this, id)
                .aliasName(ResourceNames.LIVE_ALIAS)
                .version(function.getCurrentVersion())
                .build();
    }

    /** Each function gets exactly the variables it reads ({@link FunctionVariables}), no more. */
    private static Map<String, String> environmentOf(FunctionVariables function, Map<String, String> values) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : function.names()) {
            String value = values.get(name);
            if (value == null) throw new IllegalStateException(function + " reads " + name + ", which the stack has no value for");
            env.put(name, value);
        }
        return env;
    }

    /** The value of every variable some function reads. */
    private static Map<String, String> environment(TdnetStackConfig config, PipelineQueues queues, ArchiveStorage storage,
                                                   TdnetSchedule schedule, String stackName) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(EnvVars.STACK, stackName);
        env.put(EnvVars.TDNET_BASE_URL, config.tdnetBaseUrl());
        env.put(EnvVars.TDNET_RATE, schedule.rateValue());
        env.put(EnvVars.PACER_TABLE, schedule.table().getTableName());
        env.put(EnvVars.MAX_PDF_BYTES, Long.toString(config.maxPdfBytes()));
        env.put(EnvVars.MAX_XBRL_BYTES, Long.toString(io.tdnet.model.Tdnet.DEFAULT_MAX_XBRL_BYTES));
        env.put(EnvVars.WITH_XBRL, schedule.withXbrlValue());
        env.put(EnvVars.USER_AGENT, config.userAgent());
        env.put(EnvVars.DOWNLOAD_QUEUE_URL, queues.downloadQueue().getQueueUrl());
        env.put(EnvVars.DOWNLOAD_DLQ_URL, queues.downloadDlq().getQueueUrl());
        env.put(EnvVars.PERSIST_QUEUE_URL, queues.persistQueue().getQueueUrl());
        env.put(EnvVars.PERSIST_DLQ_URL, queues.persistDlq().getQueueUrl());
        env.put(EnvVars.DISCLOSURES_TABLE, storage.disclosures().getTableName());
        env.put(EnvVars.EXECUTIONS_TABLE, storage.executions().getTableName());
        env.put(EnvVars.BUCKET, storage.bucket().getBucketName());
        return env;
    }

    /**
     * Lister: enqueue downloads (never persist messages); record executions and outcomes; look up what
     * is already stored and mark withdrawn disclosures.
     */
    private static void grantLister(IRole role, PipelineQueues queues, ArchiveStorage storage) {
        role.addToPrincipalPolicy(statement("EnqueueDownloads", List.of("sqs:SendMessage"),
                List.of(queues.downloadQueue().getQueueArn())));
        // the plan is written in transactions fenced by the date's lease (a ConditionCheck on its row):
        // puts of outcome rows, deletes of a dead attempt's stale rows, updates of summary and lease
        role.addToPrincipalPolicy(statement("RecordExecutions",
                dynamo("GetItem", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem", "Query"),
                List.of(storage.executions().getTableArn(),
                        ArchiveStorage.indexArn(storage.executions(), Names.EXECUTIONS_BY_DATE_INDEX))));
        role.addToPrincipalPolicy(statement("ReadAndWithdrawDisclosures",
                // what is stored of the date (a query of the date index, once per listing); withdrawals
                dynamo("Query", "UpdateItem"),
                List.of(storage.disclosures().getTableArn(),
                        ArchiveStorage.indexArn(storage.disclosures(), Names.DISCLOSURES_BY_DATE_INDEX))));
    }

    /**
     * Lister and downloader: reserve a slot (a conditional UpdateItem; GetItem tells a rate conflict from
     * a race and reads the schedule's pushes before each send) in the one schedule item, push it back on a
     * Retry-After and shift it when a late sender keeps its slot (UpdateItem). Nothing else: no Scan, Query,
     * PutItem or DeleteItem.
     */
    private static void grantPacing(IRole role, TdnetSchedule schedule) {
        role.addToPrincipalPolicy(statement("PaceTdnetRequests", dynamo("GetItem", "UpdateItem"),
                List.of(schedule.table().getTableArn())));
    }

    /**
     * Downloader: consumes the download queue (granted by its event source), forwards to the persist
     * queue, moves permanent failures to the download DLQ itself, and writes objects under {@code pdf/}
     * (ArchiveWriter: one PutObject, or a multipart upload and a copy onto itself for its digest) and
     * XBRL zips under {@code xbrl/} (HEAD and one PutObject: a zip is checked whole before it is written).
     */
    private static void grantDownloader(IRole role, PipelineQueues queues, ArchiveStorage storage) {
        role.addToPrincipalPolicy(statement("ForwardAndDeadLetter", List.of("sqs:SendMessage"),
                List.of(queues.persistQueue().getQueueArn(), queues.downloadDlq().getQueueArn())));
        role.addToPrincipalPolicy(statement("StorePdfs",
                // GetObject also covers HeadObject and the source side of the multipart upload's copy
                // onto itself; PutObject covers the multipart calls; a failed upload is aborted.
                List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"),
                List.of(storage.bucket().arnForObjects(S3Keys.PDF_PREFIX + "*"))));
        role.addToPrincipalPolicy(statement("StoreXbrls", List.of("s3:GetObject", "s3:PutObject"),
                List.of(storage.bucket().arnForObjects(S3Keys.XBRL_PREFIX + "*"))));
        // ArchiveWriter.existing() HEADs the final key and expects 404 when it is absent; without
        // s3:ListBucket on the bucket S3 answers 403 instead, and every first download would fail.
        role.addToPrincipalPolicy(statement("TellMissingFromForbidden", List.of("s3:ListBucket"),
                List.of(storage.bucket().getBucketArn())));
        // DownloadAttempts: the count and time of a failed delivery on its PENDING outcome row, nothing else
        role.addToPrincipalPolicy(statement("NoteFailedAttempts", dynamo("UpdateItem"),
                List.of(storage.executions().getTableArn())));
    }

    /**
     * Reconciler: reads unsettled executions (a scan of the sparse date index) and their outcome rows,
     * moves PENDING outcomes to FAILED and settles (transactions of updates), reads the DLQs without
     * consuming them (receive, then visibility 0) and the work queues' depth.
     */
    private static void grantReconciler(IRole role, PipelineQueues queues, ArchiveStorage storage) {
        role.addToPrincipalPolicy(statement("ReadExecutions", dynamo("Query", "GetItem"),
                List.of(storage.executions().getTableArn())));
        role.addToPrincipalPolicy(statement("FindUnsettled", dynamo("Scan"),
                List.of(ArchiveStorage.indexArn(storage.executions(), Names.EXECUTIONS_BY_DATE_INDEX))));
        role.addToPrincipalPolicy(statement("SettleExecutions", dynamo("UpdateItem"),
                List.of(storage.executions().getTableArn())));
        role.addToPrincipalPolicy(statement("ScanDeadLetters", List.of("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility"),
                List.of(queues.downloadDlq().getQueueArn(), queues.persistDlq().getQueueArn())));
        role.addToPrincipalPolicy(statement("SeeQueuesDrained", List.of("sqs:GetQueueAttributes"),
                List.of(queues.downloadQueue().getQueueArn(), queues.persistQueue().getQueueArn())));
    }

    /**
     * Persister: consumes the persist queue (granted by its event source), dead-letters malformed
     * messages, and writes disclosures and outcomes in transactions (whose IAM actions are the
     * per-item ones: Put of the disclosure, Update of outcome and counters); reads the summary and an
     * outcome with GetItem. It never queries an execution's outcomes (the lister and the tools do).
     */
    private static void grantPersister(IRole role, PipelineQueues queues, ArchiveStorage storage) {
        role.addToPrincipalPolicy(statement("DeadLetter", List.of("sqs:SendMessage"),
                List.of(queues.persistDlq().getQueueArn())));
        role.addToPrincipalPolicy(statement("TransactOutcomes",
                dynamo("PutItem", "UpdateItem", "GetItem"),
                List.of(storage.disclosures().getTableArn(), storage.executions().getTableArn())));
    }

    /**
     * What a function's start check calls ({@code ResourceCheck} in aws-wiring): GetQueueAttributes of each
     * queue it sends to or reads, DescribeTable of each table it writes. Nothing else.
     */
    private static void grantStartCheck(IRole role, List<software.amazon.awscdk.services.sqs.IQueue> queues,
                                        List<software.amazon.awscdk.services.dynamodb.ITable> tables) {
        if (!queues.isEmpty()) {
            role.addToPrincipalPolicy(statement("CheckQueuesAtStart", List.of("sqs:GetQueueAttributes"),
                    queues.stream().map(software.amazon.awscdk.services.sqs.IQueue::getQueueArn).toList()));
        }
        role.addToPrincipalPolicy(statement("CheckTablesAtStart", dynamo("DescribeTable"),
                tables.stream().map(software.amazon.awscdk.services.dynamodb.ITable::getTableArn).toList()));
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
    }

    private static List<String> dynamo(String... actions) {
        return java.util.Arrays.stream(actions).map(a -> "dynamodb:" + a).toList();
    }

    public Function lister() { return lister; }
    public Function downloader() { return downloader; }
    public Function persister() { return persister; }
    public Function reconciler() { return reconciler; }
    public Alias reconcilerAlias() { return reconcilerAlias; }
    public Rule reconcilerSchedule() { return reconcilerSchedule; }
    /** The reconciler's horizon and the unsettled-execution alarm's deadline. */
    public SettleHorizon horizon() { return horizon; }
    public Alias listerAlias() { return listerAlias; }
    public Alias downloaderAlias() { return downloaderAlias; }
    public Alias persisterAlias() { return persisterAlias; }
    public List<Rule> schedules() { return List.copyOf(schedules); }
    public List<Named> all() { return named; }
}
