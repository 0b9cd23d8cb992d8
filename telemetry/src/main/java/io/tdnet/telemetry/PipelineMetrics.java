package io.tdnet.telemetry;

import io.tdnet.model.ExecutionStatus;
import java.time.Duration;

/**
 * The pipeline's metrics (names in {@link io.tdnet.model.MetricNames}), as the services report them.
 * Implemented by {@link EmfMetrics} on Lambda and {@link InMemoryMetrics} in the CLI. Implementations
 * are thread-safe.
 */
public interface PipelineMetrics {
    /** Rows with a link counted by an accepted listing. */
    void listed(long count);

    /** Download messages sent by the lister. */
    void enqueued(long count);

    /** One list page was read (progress only; not a CloudWatch metric). */
    default void pageRead() {}

    /** A document of {@code bytes} bytes was stored in S3. */
    void downloadedBytes(long bytes);

    /** Outcomes recorded by the persister. */
    void stored();

    void alreadyPresent();

    /** A disclosure failed for good; {@code reason} is the free text, classified by {@link FailureReasons}. */
    void failed(String reason);

    /** An attempt failed transiently and was tried again in process. */
    void retried(String reason);

    /** A request waited this long for its politeness slot. */
    void rateLimitWaited(Duration waited);

    /** An execution reached {@code status} after {@code duration}. */
    void executionFinished(ExecutionStatus status, Duration duration);

    /** The reconciler found {@code count} executions still unsettled past their deadline (0 included). */
    default void unsettledPastDeadline(long count) {}

    /** Records nothing. */
    PipelineMetrics NONE = new PipelineMetrics() {
        @Override public void listed(long count) {}
        @Override public void enqueued(long count) {}
        @Override public void downloadedBytes(long bytes) {}
        @Override public void stored() {}
        @Override public void alreadyPresent() {}
        @Override public void failed(String reason) {}
        @Override public void retried(String reason) {}
        @Override public void rateLimitWaited(Duration waited) {}
        @Override public void executionFinished(ExecutionStatus status, Duration duration) {}
    };
}
