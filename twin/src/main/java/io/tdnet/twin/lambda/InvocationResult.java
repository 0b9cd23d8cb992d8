package io.tdnet.twin.lambda;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How one invocation ended, as Lambda would report it.
 *
 * @param functionLogicalId the function
 * @param requestId         the request id the runtime saw
 * @param status            success, function error, timeout, init error, or the runtime process died
 * @param payload           the response body (success) or the error body the runtime posted, or null
 * @param errorType         the error type ({@code Lambda-Runtime-Function-Error-Type} or the body's), or null
 * @param errorMessage      the error message, or null on success
 * @param coldStart         whether a new environment was started (init, restore) for it
 * @param initDuration      how long init and restore took (zero when warm)
 * @param duration          from the event handed to the runtime to its answer (or the kill at the deadline)
 * @param logFile           the environment's log file (its stdout and stderr)
 */
public record InvocationResult(
        String functionLogicalId,
        String requestId,
        Status status,
        String payload,
        String errorType,
        String errorMessage,
        boolean coldStart,
        Duration initDuration,
        Duration duration,
        Path logFile) {

    /** The outcome classes Lambda distinguishes. */
    public enum Status {
        SUCCESS,
        /** The handler threw; the runtime posted {@code invocation/{id}/error}. */
        FUNCTION_ERROR,
        /** The deadline (template Timeout) passed; the environment was killed. */
        TIMEOUT,
        /** Init (or the SnapStart restore) failed, or did not finish; the handler never ran. */
        INIT_ERROR,
        /** The runtime process exited during the invocation. */
        RUNTIME_EXITED
    }

    public boolean succeeded() {
        return status == Status.SUCCESS;
    }
}
