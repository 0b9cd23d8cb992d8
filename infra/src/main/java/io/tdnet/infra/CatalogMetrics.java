package io.tdnet.infra;

import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.MetricIdentity;
import io.tdnet.model.MetricNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.SearchExpression;

/**
 * CloudWatch metrics of the pipeline's namespace, built only from {@link MetricIdentity catalog
 * identities} — the same objects the functions' EMF output is built from, so an alarm or a graph
 * cannot watch a name/dimension combination the code does not emit.
 */
final class CatalogMetrics {
    private CatalogMetrics() {}

    /** The one series of {@code identity} with these dimension values (exactly its dimensions, no more). */
    static Metric series(MetricIdentity identity, Map<String, String> dimensionValues, String statistic) {
        if (!dimensionValues.keySet().equals(Set.copyOf(identity.dimensions()))) {
            throw new IllegalArgumentException(identity + " has the dimensions " + identity.dimensions()
                    + ", not " + dimensionValues.keySet());
        }
        return Metric.Builder.create().namespace(MetricNames.NAMESPACE).metricName(identity.metricName())
                .dimensionsMap(dimensionValues).statistic(statistic).period(PipelineMonitoring.PERIOD).build();
    }

    /**
     * Every series of {@code identity} for a graph: the identity itself when it has no dimension, one
     * line per settled status for {@code Status}, otherwise a SEARCH bound to the identity's exact
     * dimension schema ({@code {Namespace,Dim,...}} matches only metrics with exactly those dimensions),
     * for dimensions whose values the stack does not know (component, failure reason).
     */
    static List<IMetric> graphed(MetricIdentity identity) {
        List<IMetric> metrics = new ArrayList<>();
        if (identity.dimensions().isEmpty()) {
            metrics.add(series(identity, Map.of(), "Sum").with(MetricOptions.builder().label(identity.metricName()).build()));
        } else if (identity.dimensions().equals(List.of(MetricNames.DIM_STATUS))) {
            Arrays.stream(ExecutionStatus.values()).filter(ExecutionStatus::isSettled).forEach(status -> metrics.add(
                    series(identity, Map.of(MetricNames.DIM_STATUS, status.name()), "Sum")
                            .with(MetricOptions.builder().label(identity.metricName() + " " + status.name()).build())));
        } else {
            metrics.add(SearchExpression.Builder.create()
                    .expression(schemaSearch(identity))
                    .label(identity.metricName() + " by " + String.join("/", identity.dimensions()))
                    .build());
        }
        return metrics;
    }

    /** SEARCH('{TDnetPipeline,Component} MetricName="Listed"', 'Sum', 300) and the like. */
    static String schemaSearch(MetricIdentity identity) {
        return "SEARCH('{" + MetricNames.NAMESPACE + "," + String.join(",", identity.dimensions())
                + "} MetricName=\"" + identity.metricName() + "\"', 'Sum', "
                + PipelineMonitoring.PERIOD.toSeconds().intValue() + ")";
    }
}
