package io.tdnet.twin.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tdnet.twin.FunctionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment of a function (Lambda's term): a child JVM running the official runtime interface client
 * ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda <Handler>}) with only Lambda's runtime
 * jars on its classpath, the function's shaded jar in its task root ({@code lib/}, which the client's own
 * class loader reads, as on Lambda), its own {@link RuntimeApiServer}, its own credentials, and a clean
 * environment ({@link FunctionVariables}). Its stdout and stderr go to one log file.
 *
 * <p>Life: {@link #start()} runs init (and, with SnapStart, the restore) until the runtime first asks for
 * work; then {@link #invoke} hands it one event at a time. An invocation that outlives its deadline (the
 * template's Timeout) kills the process: the environment is dead and the next invocation gets a new one.
 */
final class ExecutionEnvironment implements AutoCloseable {
    static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Lambda allows 10 s for an on-demand init; SnapStart inits run at publish with more. Generous here: the twin shares two cores. */
    static final Duration INIT_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";

    private final FunctionSpec function;
    private final Map<String, String> injected;
    private final LambdaRuntime runtime;
    private final Path taskRoot;
    private final Path logFile;
    private final CredentialAuthority authority;
    private final Clock clock;
    private CredentialAuthority.EnvironmentCredentials credentials;
    private RuntimeApiServer api;
    private Process process;
    private Duration initDuration = Duration.ZERO;
    private volatile boolean dead;

    /** How {@link #start()} went: ready, or the init error message. */
    record InitOutcome(boolean ready, String error, Duration duration) {}

    ExecutionEnvironment(FunctionSpec function, Map<String, String> injected, LambdaRuntime runtime, Path taskRoot,
            Path logFile, CredentialAuthority authority, Clock clock) {
        this.function = function;
        this.injected = Map.copyOf(injected);
        this.runtime = runtime;
        this.taskRoot = taskRoot;
        this.logFile = logFile;
        this.authority = authority;
        this.clock = clock;
    }

    Path logFile() {
        return logFile;
    }

    /** The runtime API calls so far (restore before the first invocation/next with SnapStart). */
    List<String> runtimeCalls() {
        return api == null ? List.of() : api.calls();
    }

    boolean dead() {
        return dead || (process != null && !process.isAlive());
    }

    /** Starts the child JVM and waits for init (and restore) to finish or fail. */
    InitOutcome start() {
        long started = System.nanoTime();
        try {
            Files.createDirectories(logFile.getParent());
            credentials = authority.register(function.logicalId(), function.snapStart());
            api = RuntimeApiServer.start(function.logicalId(), credentials::restore);
            String logStream = DateTimeFormatter.ofPattern("yyyy/MM/dd").format(LocalDate.now(clock))
                    + "/[" + (function.snapStart() ? "1" : "$LATEST") + "]" + UUID.randomUUID().toString().replace("-", "");
            Map<String, String> env = FunctionVariables.of(function, injected, api.hostAndPort(), authority.endpoint(),
                    credentials.token(), logStream, taskRoot, runtime.classpathDir());
            ProcessBuilder builder = new ProcessBuilder(runtime.command(function, tmp(), home()))
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().clear();
            builder.environment().putAll(env);
            process = builder.start();
            InitOutcome outcome = awaitInit(started);
            initDuration = outcome.duration();
            appendLog(outcome.ready()
                    ? "INIT_REPORT Init Duration: " + initDuration.toMillis() + " ms"
                    : "INIT_REPORT Init Duration: " + initDuration.toMillis() + " ms Status: error " + outcome.error());
            if (!outcome.ready()) {
                close();
            }
            return outcome;
        } catch (IOException e) {
            close();
            return new InitOutcome(false, "could not start the runtime: " + e, elapsed(started));
        }
    }

    /** Runs one invocation; past {@code deadline} the process is killed and the result is a timeout. */
    InvocationResult invoke(String requestId, String eventJson, boolean coldStart) {
        Instant deadline = clock.instant().plus(function.timeout());
        String arn = "arn:aws:lambda:" + injected.getOrDefault(FunctionVariables.REGION, FunctionVariables.DEFAULT_REGION)
                + ":" + ACCOUNT + ":function:" + function.functionName() + (function.snapStart() ? ":1" : "");
        String traceId = "Root=1-" + Long.toHexString(clock.instant().getEpochSecond()) + "-"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 24) + ";Parent=0000000000000000;Sampled=0";
        appendLog("START RequestId: " + requestId + " Version: " + (function.snapStart() ? "1" : "$LATEST"));
        long started = System.nanoTime();
        CompletableFuture<RuntimeApiServer.Outcome> outcome = api.submit(
                new RuntimeApiServer.Invocation(requestId, eventJson, deadline.toEpochMilli(), arn, traceId));
        InvocationResult result;
        try {
            Object first = CompletableFuture.anyOf(outcome, process.onExit())
                    .get(Math.max(1, Duration.between(clock.instant(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            Duration duration = elapsed(started);
            if (first instanceof RuntimeApiServer.Outcome done) {
                result = done.success()
                        ? result(requestId, InvocationResult.Status.SUCCESS, done.body(), null, null, coldStart, duration)
                        : functionError(requestId, done, coldStart, duration);
            } else {
                dead = true;
                result = result(requestId, InvocationResult.Status.RUNTIME_EXITED, null, "Runtime.ExitError",
                        "the runtime exited with " + process.exitValue() + " during the invocation", coldStart, duration);
            }
        } catch (TimeoutException e) {
            dead = true;
            process.destroyForcibly();
            Duration duration = elapsed(started);
            result = result(requestId, InvocationResult.Status.TIMEOUT, null, "Sandbox.Timedout",
                    "Task timed out after " + function.timeout().toMillis() / 1000.0 + " seconds", coldStart, duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dead = true;
            process.destroyForcibly();
            result = result(requestId, InvocationResult.Status.RUNTIME_EXITED, null, "Runtime.Interrupted",
                    "the twin was interrupted during the invocation", coldStart, elapsed(started));
        } catch (ExecutionException e) {
            dead = true;
            result = result(requestId, InvocationResult.Status.RUNTIME_EXITED, null, "Runtime.Unknown",
                    String.valueOf(e.getCause()), coldStart, elapsed(started));
        }
        appendLog("END RequestId: " + requestId);
        appendLog("REPORT RequestId: " + requestId + " Duration: " + result.duration().toMillis() + " ms"
                + " Memory Size: " + function.memoryMb() + " MB"
                + (coldStart ? " Init Duration: " + initDuration.toMillis() + " ms" : "")
                + (result.status() == InvocationResult.Status.TIMEOUT ? " Status: timeout" : ""));
        return result;
    }

    @Override
    public void close() {
        dead = true;
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (api != null) {
            api.close();
        }
        if (credentials != null) {
            credentials.close();
        }
    }

    /** Lambda gives every environment its own /tmp. */
    private Path tmp() {
        try {
            return Files.createTempDirectory(taskRoot.getParent(), function.logicalId() + "-tmp-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a /tmp for " + function.logicalId(), e);
        }
    }

    private Path home() {
        try {
            return Files.createDirectories(taskRoot.resolveSibling(function.logicalId() + "-home"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an empty home for " + function.logicalId(), e);
        }
    }

    private InitOutcome awaitInit(long started) {
        CompletableFuture<Object> first = CompletableFuture.anyOf(api.ready(), api.initError(), process.onExit());
        try {
            first.get(INIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new InitOutcome(false, "init did not finish within " + INIT_TIMEOUT.toSeconds() + " s", elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new InitOutcome(false, "interrupted during init", elapsed(started));
        } catch (ExecutionException e) {
            return new InitOutcome(false, String.valueOf(e.getCause()), elapsed(started));
        }
        if (api.initError().isDone()) {
            return new InitOutcome(false, describeError(api.initError().join()), elapsed(started));
        }
        if (api.ready().isDone()) {
            return new InitOutcome(true, null, elapsed(started));
        }
        return new InitOutcome(false, "the runtime exited with " + process.exitValue() + " during init: "
                + lastLines(5), elapsed(started));
    }

    private InvocationResult functionError(String requestId, RuntimeApiServer.Outcome done, boolean coldStart,
            Duration duration) {
        String type = done.errorType();
        String message = done.body();
        try {
            JsonNode body = JSON.readTree(done.body());
            if (body.hasNonNull("errorType")) {
                type = body.get("errorType").asText();
            }
            if (body.hasNonNull("errorMessage")) {
                message = body.get("errorMessage").asText();
            }
        } catch (IOException notJson) {
            // keep the raw body as the message
        }
        return result(requestId, InvocationResult.Status.FUNCTION_ERROR, done.body(), type, message, coldStart, duration);
    }

    private InvocationResult result(String requestId, InvocationResult.Status status, String payload, String errorType,
            String errorMessage, boolean coldStart, Duration duration) {
        return new InvocationResult(function.logicalId(), requestId, status, payload, errorType, errorMessage,
                coldStart, coldStart ? initDuration : Duration.ZERO, duration, logFile);
    }

    /** The init/error body is {@code Type: {"errorMessage":..,"errorType":..}}; keep type and message. */
    private static String describeError(String raw) {
        int brace = raw.indexOf('{');
        if (brace < 0) {
            return raw;
        }
        try {
            JsonNode body = JSON.readTree(raw.substring(brace));
            String type = body.path("errorType").asText("");
            String message = body.path("errorMessage").asText("");
            return (type.isEmpty() ? raw.substring(0, brace).trim() : type) + ": " + message;
        } catch (IOException notJson) {
            return raw;
        }
    }

    private String lastLines(int count) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private void appendLog(String line) {
        try {
            // O_APPEND, one small write: does not tear the child's own appended lines.
            Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logFile, e);
        }
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

}
