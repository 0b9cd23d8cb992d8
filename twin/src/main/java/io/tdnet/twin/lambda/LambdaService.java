package io.tdnet.twin.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tdnet.twin.EventSourceSpec;
import io.tdnet.twin.FunctionSpec;
import io.tdnet.twin.ScheduleSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The Lambda service of the twin: every function of one template with its execution environments
 * ({@link ExecutionEnvironment}, started on demand, reused while warm, replaced after a timeout or a crash),
 * the SQS event-source pollers and the schedule rules, and the figures of the run.
 *
 * <p>Environments of a function: an invocation takes an idle one or starts a new one (a cold start).
 * Concurrency is bounded by the callers — a poller's {@code MaximumConcurrency} workers, or whoever
 * calls {@link #invoke}.
 */
public final class LambdaService implements AutoCloseable {
    /** Where the build copies Lambda's runtime jars (twin/pom.xml); overridable for the CLI. */
    public static final String RUNTIME_DIR_PROPERTY = "tdnet.twin.lambdaRuntime";
    static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, FunctionPool> functions = new LinkedHashMap<>();
    private final List<EventSourceSpec> sources;
    private final Map<String, ScheduleSpec> schedules;
    private final Map<String, String> injected;
    private final URI awsEndpoint;
    private final CredentialAuthority credentials;
    private final Path logDir;
    private final Path taskRoots;
    private final LambdaRuntime runtime;
    private final Clock clock = Clock.systemUTC();
    private final List<SqsEventSourcePoller> pollers = new ArrayList<>();
    private final List<SqsClient> pollerClients = new ArrayList<>();

    /**
     * @param injectedEnvironment only the names {@link FunctionVariables#INJECTABLE} allows
     * @param awsEndpoint         where pollers send their SQS calls (the gateway)
     * @param logDir              one sub-directory per function, one log file per environment
     */
    public LambdaService(List<FunctionSpec> functions, List<EventSourceSpec> sources, List<ScheduleSpec> schedules,
            Map<String, String> injectedEnvironment, URI awsEndpoint, CredentialAuthority credentials, Path logDir) {
        this(functions, sources, schedules, injectedEnvironment, awsEndpoint, credentials, logDir, LambdaRuntime.defaultDir());
    }

    LambdaService(List<FunctionSpec> functions, List<EventSourceSpec> sources, List<ScheduleSpec> schedules,
            Map<String, String> injectedEnvironment, URI awsEndpoint, CredentialAuthority credentials, Path logDir,
            Path runtimeDir) {
        this.sources = List.copyOf(sources);
        this.schedules = schedules.stream().collect(Collectors.toMap(ScheduleSpec::ruleLogicalId, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
        FunctionVariables.checkInjected(injectedEnvironment);
        this.injected = Map.copyOf(injectedEnvironment);
        this.awsEndpoint = awsEndpoint;
        this.credentials = credentials;
        this.logDir = logDir.toAbsolutePath();
        try {
            this.taskRoots = Files.createTempDirectory("tdnet-twin-task-");
            this.runtime = LambdaRuntime.prepare(runtimeDir, taskRoots.resolve("runtime"));
            for (FunctionSpec function : functions) {
                FunctionVariables.check(function, injected);
                this.functions.put(function.logicalId(), new FunctionPool(function, taskRoot(function), injected, runtime,
                        this.logDir, credentials, clock));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the functions' task roots", e);
        }
        for (EventSourceSpec source : sources) {
            function(source.functionLogicalId()); // fails on a mapping to an unknown function
        }
    }

    /** Starts one poller per event-source mapping. */
    public synchronized void startPollers() {
        if (!pollers.isEmpty()) {
            return;
        }
        for (EventSourceSpec source : sources) {
            StaticKey key = credentials.issueFor(source.functionLogicalId());
            SqsClient sqs = SqsClient.builder()
                    .endpointOverride(awsEndpoint)
                    .region(Region.of(source.queueArn().split(":")[3]))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            pollerClients.add(sqs);
            SqsEventSourcePoller poller = new SqsEventSourcePoller(source, sqs, this::invoke);
            pollers.add(poller);
            poller.start();
        }
    }

    /** Invokes a function synchronously in one environment (warm if one is idle, else a cold start). */
    public InvocationResult invoke(String functionLogicalId, String eventJson) {
        return function(functionLogicalId).invoke(eventJson);
    }

    /**
     * Invokes the targets of a schedule rule as EventBridge does: with the target's Input, or the scheduled
     * event when it has none; {@code inputOverrideJsonOrNull} replaces both. Returns the first failed
     * target's result, else the last one's.
     */
    public InvocationResult runSchedule(String ruleLogicalId, String inputOverrideJsonOrNull) {
        ScheduleSpec rule = schedules.get(ruleLogicalId);
        if (rule == null) {
            throw new IllegalArgumentException("no schedule rule " + ruleLogicalId + " in the template; rules: "
                    + schedules.keySet());
        }
        String event = inputOverrideJsonOrNull != null ? inputOverrideJsonOrNull
                : rule.input() != null ? rule.input() : scheduledEvent(rule);
        InvocationResult last = null;
        for (String target : rule.functionLogicalIds()) {
            last = invoke(target, event);
            if (!last.succeeded()) {
                return last;
            }
        }
        if (last == null) {
            throw new IllegalStateException("schedule rule " + ruleLogicalId + " has no function target");
        }
        return last;
    }

    /** Per function: invocations, cold starts, errors, p50/p99 duration, log files. */
    public Map<String, FunctionFigures> figures() {
        Map<String, FunctionFigures> figures = new LinkedHashMap<>();
        functions.forEach((id, pool) -> figures.put(id, pool.figures()));
        return figures;
    }

    /** Stops the pollers, then every environment; deletes the task roots (logs stay). */
    @Override
    public void close() {
        pollers.forEach(SqsEventSourcePoller::close);
        pollerClients.forEach(SqsClient::close);
        functions.values().forEach(FunctionPool::close);
        deleteRecursively(taskRoots);
    }

    List<SqsEventSourcePoller> pollers() {
        return List.copyOf(pollers);
    }

    /** The runtime API calls of the most recently started environment of a function (for tests). */
    List<String> lastRuntimeCalls(String functionLogicalId) {
        return function(functionLogicalId).lastRuntimeCalls();
    }

    private FunctionPool function(String logicalId) {
        FunctionPool pool = functions.get(logicalId);
        if (pool == null) {
            throw new IllegalArgumentException("no function " + logicalId + " in the template; functions: "
                    + functions.keySet());
        }
        return pool;
    }

    /** The scheduled event EventBridge sends when the target has no Input. */
    private String scheduledEvent(ScheduleSpec rule) {
        String region = injected.getOrDefault(FunctionVariables.REGION, FunctionVariables.DEFAULT_REGION);
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", ACCOUNT);
        event.put("time", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources").add("arn:aws:events:" + region + ":" + ACCOUNT + ":rule/" + rule.ruleLogicalId());
        event.putObject("detail");
        return event.toString();
    }

    /** Lambda unpacks the deployment package into /var/task; a jar in {@code lib/} is read the same way by the runtime client. */
    private Path taskRoot(FunctionSpec function) throws IOException {
        if (!Files.isRegularFile(function.jar())) {
            throw new IllegalStateException("the code of " + function.logicalId() + " is missing: " + function.jar()
                    + " (build it: mvn -pl lister,downloader,persister -am package -DskipTests)");
        }
        Path lib = Files.createDirectories(taskRoots.resolve(function.logicalId()).resolve("lib"));
        Files.copy(function.jar(), lib.resolve(function.jar().getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return lib.getParent();
    }

    private static void deleteRecursively(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
