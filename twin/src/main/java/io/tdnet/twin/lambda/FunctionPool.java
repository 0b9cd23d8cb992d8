package io.tdnet.twin.lambda;

import io.tdnet.twin.FunctionSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The execution environments of one function, their counters and durations: an invocation takes an idle
 * environment or starts a new one (a cold start); a dead one (timeout, crash) is closed, never reused.
 */
final class FunctionPool {
    private final FunctionSpec function;
    private final Path taskRoot;
    private final Map<String, String> injected;
    private final LambdaRuntime runtime;
    private final Path logDir;
    private final CredentialAuthority credentials;
    private final Clock clock;
    private final List<ExecutionEnvironment> idle = new ArrayList<>();
    private final List<ExecutionEnvironment> all = new ArrayList<>();
    private final List<Long> durationsMs = new ArrayList<>();
    private int invocations;
    private int coldStarts;
    private int initErrors;
    private int errors;
    private int timeouts;

    FunctionPool(FunctionSpec function, Path taskRoot, Map<String, String> injected, LambdaRuntime runtime, Path logDir,
            CredentialAuthority credentials, Clock clock) {
        this.function = function;
        this.taskRoot = taskRoot;
        this.injected = injected;
        this.runtime = runtime;
        this.logDir = logDir;
        this.credentials = credentials;
        this.clock = clock;
    }

    InvocationResult invoke(String eventJson) {
        String requestId = UUID.randomUUID().toString();
        ExecutionEnvironment environment = takeIdle();
        boolean cold = environment == null;
        if (cold) {
            environment = newEnvironment();
            ExecutionEnvironment.InitOutcome init = environment.start();
            if (!init.ready()) {
                record(null, true, true);
                return new InvocationResult(function.logicalId(), requestId, InvocationResult.Status.INIT_ERROR,
                        null, "Runtime.InitError", init.error(), true, init.duration(), Duration.ZERO,
                        environment.logFile());
            }
        }
        InvocationResult result = environment.invoke(requestId, eventJson, cold);
        record(result, cold, false);
        if (environment.dead()) {
            environment.close();
        } else {
            synchronized (this) {
                idle.add(environment);
            }
        }
        return result;
    }

    synchronized FunctionFigures figures() {
        List<Long> sorted = durationsMs.stream().sorted().toList();
        return new FunctionFigures(invocations, coldStarts, initErrors, errors, timeouts,
                percentile(sorted, 50), percentile(sorted, 99),
                all.stream().map(ExecutionEnvironment::logFile).toList());
    }

    synchronized List<String> lastRuntimeCalls() {
        return all.isEmpty() ? List.of() : all.get(all.size() - 1).runtimeCalls();
    }

    synchronized void close() {
        all.forEach(ExecutionEnvironment::close);
        idle.clear();
    }

    private synchronized ExecutionEnvironment takeIdle() {
        while (!idle.isEmpty()) {
            ExecutionEnvironment environment = idle.remove(idle.size() - 1);
            if (!environment.dead()) {
                return environment;
            }
            environment.close();
        }
        return null;
    }

    private synchronized ExecutionEnvironment newEnvironment() {
        Path log = logDir.resolve(function.logicalId()).resolve(String.format("env-%03d.log", all.size() + 1));
        ExecutionEnvironment environment = new ExecutionEnvironment(function, injected, runtime, taskRoot, log,
                credentials, clock);
        all.add(environment);
        return environment;
    }

    private synchronized void record(InvocationResult result, boolean cold, boolean initFailed) {
        invocations++;
        if (cold) {
            coldStarts++;
        }
        if (initFailed) {
            initErrors++;
            return;
        }
        durationsMs.add(result.duration().toMillis());
        switch (result.status()) {
            case TIMEOUT -> timeouts++;
            case FUNCTION_ERROR, RUNTIME_EXITED -> errors++;
            default -> { }
        }
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
