package io.tdnet.twin.aws;

import java.util.Map;
import java.util.TreeMap;

/**
 * A metric an alarm watches or a dashboard graphs.
 *
 * @param source     where it appears, e.g. {@code alarm ExecutionFailed} or {@code dashboard widget "Executions by status"}
 * @param namespace  its namespace
 * @param metricName its name
 * @param dimensions its exact dimension set (name → value); empty for a SEARCH expression
 * @param search     true when it is a SEARCH expression over the namespace and name (any dimensions)
 */
public record MetricReference(String source, String namespace, String metricName, Map<String, String> dimensions,
                              boolean search) {
    public MetricReference {
        dimensions = Map.copyOf(dimensions);
    }

    /** {@code Name{Dim=Value,...}} with dimensions sorted, as the reports print it. */
    public String identity() {
        return metricName + (search ? "{SEARCH}" : new TreeMap<>(dimensions).toString().replace(", ", ","));
    }
}
