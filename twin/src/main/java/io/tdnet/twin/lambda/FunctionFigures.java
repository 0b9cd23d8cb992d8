package io.tdnet.twin.lambda;

import java.nio.file.Path;
import java.util.List;

/**
 * What one function did during a twin run.
 *
 * @param invocations    invocations handed to an environment (or failed at its init)
 * @param coldStarts     environments started (init, and restore with SnapStart)
 * @param initErrors     environments whose init or restore failed
 * @param errors         invocations that ended in a function error or a runtime exit
 * @param timeouts       invocations killed at their deadline
 * @param p50DurationMs  median invocation duration, ms (0 without invocations)
 * @param p99DurationMs  99th percentile invocation duration, ms
 * @param logFiles       one log per environment, in start order
 */
public record FunctionFigures(
        int invocations,
        int coldStarts,
        int initErrors,
        int errors,
        int timeouts,
        long p50DurationMs,
        long p99DurationMs,
        List<Path> logFiles) {
    public FunctionFigures {
        logFiles = List.copyOf(logFiles);
    }
}
