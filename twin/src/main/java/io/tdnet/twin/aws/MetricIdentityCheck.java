package io.tdnet.twin.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tdnet.model.MetricIdentity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Metric identity across the stack and the code: every alarm and dashboard metric on the pipeline's
 * namespace (name and exact dimension set; a dashboard SEARCH matches by name) must match a metric the
 * functions emitted as an EMF directive during the run, and every emitted metric must be on the
 * dashboard. Dimension sets compare by their names (a clean run emits {@code Status=COMPLETED}, never
 * {@code FAILED}, yet it is the same metric the FAILED alarm watches). CloudWatch treats a different dimension set as a different metric: an alarm on
 * {@code Executions{Status=FAILED}} never sees {@code Executions{Component,Status}}.
 */
public final class MetricIdentityCheck {
    /**
     * Watched metrics whose emitter is not deployed yet, with the reason: the ONLY way an alarm or widget
     * may watch a metric no function printed. Whoever deploys the emitter removes its entry.
     */
    public static final Map<String, String> NOT_YET_EMITTED = Map.of(); // empty: every watched metric has its emitter

    private MetricIdentityCheck() {}

    /**
     * @param namespace the pipeline's namespace (the functions' {@code POWERTOOLS_METRICS_NAMESPACE})
     * @param logFiles  every log file of every function
     */
    public static CheckReport run(CloudFormationTemplate template, String namespace, List<Path> logFiles) {
        Set<MetricReference> emitted = new LinkedHashSet<>(emitted(FunctionLogs.jsonLines(logFiles), namespace));
        List<String> failures = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        body.append("emitted by the functions (EMF, namespace ").append(namespace).append("):\n");
        new TreeSet<>(emitted.stream().map(MetricReference::identity).toList()).forEach(m -> body.append("  ").append(m).append('\n'));
        if (emitted.isEmpty()) {
            failures.add("no EMF directive on namespace " + namespace + " in " + logFiles.size() + " log files");
        }
        List<MetricReference> watched = new ArrayList<>(template.alarmMetrics());
        watched.addAll(template.dashboardMetrics());
        body.append("alarms and dashboard on ").append(namespace).append(":\n");
        for (MetricReference m : watched) {
            if (!m.namespace().equals(namespace)) {
                // no IAM condition pins the functions' namespace any more (EMF needs no PutMetricData): a
                // watched custom namespace other than the code's is the old namespace bug
                if (!m.namespace().startsWith("AWS/")) {
                    failures.add(m.source() + " watches " + m.identity() + " on namespace " + m.namespace()
                            + ", but the functions emit on " + namespace);
                }
                continue;
            }
            boolean matches = emitted.stream().anyMatch(e -> e.metricName().equals(m.metricName())
                    && (m.search() || e.dimensions().keySet().equals(m.dimensions().keySet())));
            String notYet = NOT_YET_EMITTED.get(m.metricName());
            body.append(String.format("  %-40s %-60s %s%n", m.identity(), m.source(),
                    matches ? "emitted" : notYet != null ? "not emitted, listed: " + notYet : "NEVER EMITTED"));
            if (!matches && notYet == null) {
                String near = emitted.stream().filter(e -> e.metricName().equals(m.metricName()))
                        .map(MetricReference::identity).distinct().toList().toString();
                failures.add(m.source() + " watches " + m.identity() + ", which the code never emits (it emits "
                        + (near.equals("[]") ? "no metric of that name" : near) + ")");
            }
        }
        for (MetricReference e : emitted) {
            boolean onDashboard = template.dashboardMetrics().stream().anyMatch(d -> d.namespace().equals(namespace)
                    && d.metricName().equals(e.metricName()) && (d.search() || d.dimensions().keySet().equals(e.dimensions().keySet())));
            if (!onDashboard) {
                failures.add("emitted metric " + e.identity() + " is on no dashboard widget");
            }
        }
        return CheckReport.of("metric identity", failures, body);
    }

    /** Metric identities of the EMF directives in the lines: one per directive dimension set and metric. */
    static List<MetricReference> emitted(List<JsonNode> lines, String namespace) {
        List<MetricReference> out = new ArrayList<>();
        for (JsonNode line : lines) {
            for (JsonNode directive : line.path("_aws").path("CloudWatchMetrics")) {
                if (!directive.path("Namespace").asText().equals(namespace)) continue;
                List<JsonNode> dimensionSets = new ArrayList<>();
                directive.path("Dimensions").forEach(dimensionSets::add);
                if (dimensionSets.isEmpty()) dimensionSets.add(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode());
                for (JsonNode set : dimensionSets) {
                    Map<String, String> dims = new LinkedHashMap<>();
                    set.forEach(d -> dims.put(d.asText(), line.path(d.asText()).asText()));
                    for (JsonNode metric : directive.path("Metrics")) {
                        MetricReference ref = new MetricReference("EMF", namespace, metric.path("Name").asText(), dims, false);
                        if (!out.contains(ref)) out.add(ref);
                    }
                }
            }
        }
        return out;
    }
}
