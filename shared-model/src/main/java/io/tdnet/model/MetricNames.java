package io.tdnet.model;

/**
 * The CloudWatch namespace, metric names and dimension names; which dimension sets each name is
 * emitted with is defined once, in {@link MetricIdentity}. {@link #NAMESPACE} is also the value of the IAM
 * condition {@code cloudwatch:namespace} in the stack: one constant, so the two cannot differ.
 */
public final class MetricNames {
    private MetricNames() {}

    public static final String NAMESPACE = "TDnetPipeline";

    public static final String LISTED = "Listed";
    public static final String ENQUEUED = "Enqueued";
    public static final String DOWNLOADED_BYTES = "DownloadedBytes";
    public static final String STORED = "Stored";
    public static final String ALREADY_PRESENT = "AlreadyPresent";
    public static final String FAILED = "Failed";
    public static final String RETRIES = "Retries";
    public static final String RATE_LIMIT_WAIT_MS = "RateLimitWaitMs";
    public static final String EXECUTION_DURATION_MS = "ExecutionDurationMs";
    /** Counted once per execution that reaches a status. */
    public static final String EXECUTIONS = "Executions";
    public static final String UNSETTLED_EXECUTIONS = "UnsettledExecutions";

    public static final String DIM_COMPONENT = "Component";
    public static final String DIM_STATUS = "Status";
    public static final String DIM_REASON = "Reason";
}
