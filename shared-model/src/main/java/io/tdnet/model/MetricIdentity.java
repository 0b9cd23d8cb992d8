package io.tdnet.model;

import static io.tdnet.model.MetricNames.DIM_COMPONENT;
import static io.tdnet.model.MetricNames.DIM_REASON;
import static io.tdnet.model.MetricNames.DIM_STATUS;

import java.util.List;

/**
 * Every metric the pipeline emits, each with the exact dimension set it is emitted with — the one
 * definition that the code's EMF output and the stack's alarms and dashboard are both built from.
 * CloudWatch treats a name with another dimension set as another metric, so an alarm on a name alone
 * can silently never fire; an enum makes "a metric outside the catalog" unrepresentable.
 */
public enum MetricIdentity {
    LISTED(MetricNames.LISTED, "Count", DIM_COMPONENT),
    ENQUEUED(MetricNames.ENQUEUED, "Count", DIM_COMPONENT),
    DOWNLOADED_BYTES(MetricNames.DOWNLOADED_BYTES, "Bytes", DIM_COMPONENT),
    STORED(MetricNames.STORED, "Count", DIM_COMPONENT),
    ALREADY_PRESENT(MetricNames.ALREADY_PRESENT, "Count", DIM_COMPONENT),
    RETRIES(MetricNames.RETRIES, "Count", DIM_COMPONENT),
    RATE_LIMIT_WAIT_MS(MetricNames.RATE_LIMIT_WAIT_MS, "Milliseconds", DIM_COMPONENT),
    /** Permanent failures, all reasons together. */
    FAILED(MetricNames.FAILED, "Count", DIM_COMPONENT),
    /** Permanent failures by {@code FailureReasons} category. */
    FAILED_BY_REASON(MetricNames.FAILED, "Count", DIM_COMPONENT, DIM_REASON),
    /** Executions reaching a status, whichever component settled them: the ExecutionFailed alarm's metric. */
    EXECUTIONS(MetricNames.EXECUTIONS, "Count", DIM_STATUS),
    EXECUTION_DURATION_MS(MetricNames.EXECUTION_DURATION_MS, "Milliseconds", DIM_STATUS),
    /** Executions still unsettled past their deadline, emitted by every reconciler run (0 included); no dimension. */
    UNSETTLED_EXECUTIONS(MetricNames.UNSETTLED_EXECUTIONS, "Count");

    private final String metricName;
    private final String unit;
    private final List<String> dimensions;

    MetricIdentity(String metricName, String unit, String... dimensions) {
        this.metricName = metricName;
        this.unit = unit;
        this.dimensions = List.of(dimensions);
    }

    /** The CloudWatch metric name (shared by identities that differ only in dimensions). */
    public String metricName() { return metricName; }

    /** The EMF / CloudWatch unit. */
    public String unit() { return unit; }

    /** The exact dimension names, in emission order. */
    public List<String> dimensions() { return dimensions; }

    /** The identity with this name and exactly these dimensions (in any order), if the catalog has it. */
    public static java.util.Optional<MetricIdentity> find(String metricName, java.util.Collection<String> dimensions) {
        for (MetricIdentity id : values()) {
            if (id.metricName.equals(metricName) && id.dimensions.size() == dimensions.size()
                    && id.dimensions.containsAll(dimensions)) {
                return java.util.Optional.of(id);
            }
        }
        return java.util.Optional.empty();
    }
}
