package io.tdnet.telemetry;

import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.MetricNames;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CloudWatch Embedded Metric Format for the Lambdas: metrics accumulate during an invocation and
 * {@link #flush()} (called once, at the end of {@code handleRequest}, also when it throws) prints them
 * as one JSON line to stdout, which the Lambda runtime sends to CloudWatch Logs, where they become
 * metrics in {@link MetricNames#NAMESPACE} — no PutMetricData call, no SDK client, nothing to load on a
 * cold start.
 *
 * <p>Dimensions: every metric has {@code Component}; {@code Failed} also has {@code Reason} (a
 * {@link FailureReasons} category), {@code Executions}/{@code ExecutionDurationMs} also {@code Status}.
 * EMF gives a dimension one value per document, so an invocation whose failures had several reasons
 * (or executions several statuses) adds one short document per further value; the usual invocation
 * writes exactly one line. Nothing is written for an invocation that recorded nothing.
 */
public final class EmfMetrics implements PipelineMetrics {
    private final String component;
    private final PrintStream out;
    private final Clock clock;

    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Long> failedByReason = new TreeMap<>();
    private final Map<ExecutionStatus, long[]> executions = new TreeMap<>();

    /**
     * @param component the {@code Component} dimension ("lister", "downloader", "persister")
     * @param out where the documents go (stdout on Lambda)
     */
    public EmfMetrics(String component, PrintStream out, Clock clock) {
        this.component = component;
        this.out = out;
        this.clock = clock;
    }

    /** On Lambda: documents to {@code System.out}. */
    public static EmfMetrics toStdout(String component) {
        return new EmfMetrics(component, System.out, Clock.systemUTC());
    }

    @Override public void listed(long count) { add(MetricNames.LISTED, count); }
    @Override public void enqueued(long count) { add(MetricNames.ENQUEUED, count); }
    @Override public void downloadedBytes(long bytes) { add(MetricNames.DOWNLOADED_BYTES, bytes); }
    @Override public void stored() { add(MetricNames.STORED, 1); }
    @Override public void alreadyPresent() { add(MetricNames.ALREADY_PRESENT, 1); }
    @Override public void retried(String reason) { add(MetricNames.RETRIES, 1); }

    @Override
    public void rateLimitWaited(Duration waited) {
        add(MetricNames.RATE_LIMIT_WAIT_MS, Math.max(0, waited.toMillis()));
    }

    @Override
    public synchronized void failed(String reason) {
        failedByReason.merge(FailureReasons.category(reason), 1L, Long::sum);
    }

    @Override
    public synchronized void executionFinished(ExecutionStatus status, Duration duration) {
        long[] v = executions.computeIfAbsent(status, s -> new long[2]);
        v[0]++;
        v[1] += duration.toMillis();
    }

    private synchronized void add(String name, long value) {
        counts.merge(name, value, Long::sum);
    }

    /**
     * Prints what this invocation recorded and starts over. Returns the documents written (for tests
     * and logs); empty when nothing was recorded.
     */
    public synchronized List<String> flush() {
        List<String> documents = new ArrayList<>();
        List<Map.Entry<String, Long>> reasons = new ArrayList<>(failedByReason.entrySet());
        List<Map.Entry<ExecutionStatus, long[]>> statuses = new ArrayList<>(executions.entrySet());
        if (counts.isEmpty() && reasons.isEmpty() && statuses.isEmpty()) return documents;
        long timestamp = clock.millis();

        // the main document: every counter by Component, plus the first reason and the first status
        List<String> directives = new ArrayList<>();
        JsonText root = new JsonText();
        List<String[]> byComponent = new ArrayList<>();
        counts.forEach((name, value) -> byComponent.add(new String[] {name, unit(name)}));
        long failedTotal = reasons.stream().mapToLong(Map.Entry::getValue).sum();
        if (failedTotal > 0) byComponent.add(new String[] {MetricNames.FAILED, "Count"});
        if (!byComponent.isEmpty()) directives.add(directive(List.of(MetricNames.DIM_COMPONENT), byComponent));
        root.field(MetricNames.DIM_COMPONENT, component);
        counts.forEach(root::field);
        if (failedTotal > 0) root.field(MetricNames.FAILED, failedTotal);
        // With one reason the Failed total is that reason's count; with more, each gets its own document.
        if (reasons.size() == 1) {
            directives.add(directive(List.of(MetricNames.DIM_COMPONENT, MetricNames.DIM_REASON),
                    List.<String[]>of(new String[] {MetricNames.FAILED, "Count"})));
            root.field(MetricNames.DIM_REASON, reasons.get(0).getKey());
        }
        if (!statuses.isEmpty()) {
            directives.add(executionDirective());
            root.field(MetricNames.DIM_STATUS, statuses.get(0).getKey().name());
            root.field(MetricNames.EXECUTIONS, statuses.get(0).getValue()[0]);
            root.field(MetricNames.EXECUTION_DURATION_MS, statuses.get(0).getValue()[1]);
        }
        documents.add(document(timestamp, directives, root));

        if (reasons.size() > 1) {
            for (Map.Entry<String, Long> reason : reasons) {
                JsonText doc = new JsonText().field(MetricNames.DIM_COMPONENT, component)
                        .field(MetricNames.DIM_REASON, reason.getKey()).field(MetricNames.FAILED, reason.getValue());
                documents.add(document(timestamp, List.of(directive(List.of(MetricNames.DIM_COMPONENT, MetricNames.DIM_REASON),
                        List.<String[]>of(new String[] {MetricNames.FAILED, "Count"}))), doc));
            }
        }
        for (int i = 1; i < statuses.size(); i++) {
            JsonText doc = new JsonText().field(MetricNames.DIM_COMPONENT, component)
                    .field(MetricNames.DIM_STATUS, statuses.get(i).getKey().name())
                    .field(MetricNames.EXECUTIONS, statuses.get(i).getValue()[0])
                    .field(MetricNames.EXECUTION_DURATION_MS, statuses.get(i).getValue()[1]);
            documents.add(document(timestamp, List.of(executionDirective()), doc));
        }
        documents.forEach(out::println);
        out.flush();
        counts.clear();
        failedByReason.clear();
        executions.clear();
        return documents;
    }

    private static String executionDirective() {
        return directive(List.of(MetricNames.DIM_COMPONENT, MetricNames.DIM_STATUS), List.of(
                new String[] {MetricNames.EXECUTIONS, "Count"},
                new String[] {MetricNames.EXECUTION_DURATION_MS, "Milliseconds"}));
    }

    /** The {@code _aws} metadata wrapped around the root members. */
    private static String document(long timestamp, List<String> directives, JsonText root) {
        String aws = new JsonText().field("Timestamp", timestamp)
                .raw("CloudWatchMetrics", "[" + String.join(",", directives) + "]").close();
        return root.raw("_aws", aws).close();
    }

    private static String directive(List<String> dimensions, List<String[]> metrics) {
        StringBuilder dims = new StringBuilder("[[");
        for (int i = 0; i < dimensions.size(); i++) {
            if (i > 0) dims.append(',');
            JsonText.quote(dims, dimensions.get(i));
        }
        dims.append("]]");
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < metrics.size(); i++) {
            if (i > 0) list.append(',');
            list.append(new JsonText().field("Name", metrics.get(i)[0]).field("Unit", metrics.get(i)[1]).close());
        }
        list.append(']');
        return new JsonText().field("Namespace", MetricNames.NAMESPACE).raw("Dimensions", dims.toString())
                .raw("Metrics", list.toString()).close();
    }

    private static String unit(String metric) {
        if (metric.equals(MetricNames.DOWNLOADED_BYTES)) return "Bytes";
        if (metric.equals(MetricNames.RATE_LIMIT_WAIT_MS) || metric.equals(MetricNames.EXECUTION_DURATION_MS)) return "Milliseconds";
        return "Count";
    }
}
