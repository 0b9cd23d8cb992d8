package io.tdnet.telemetry;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.MetricIdentity;
import io.tdnet.model.MetricNames;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch Embedded Metric Format for the Lambdas: metrics accumulate during an invocation and
 * {@link #flush()} (called once, at the end of {@code handleRequest}, also when it throws) prints them
 * as JSON lines to stdout, which the Lambda runtime sends to CloudWatch Logs, where they become
 * metrics in {@link MetricNames#NAMESPACE} — no PutMetricData call, no SDK client, nothing to load on a
 * cold start.
 *
 * <p>Only {@link MetricIdentity catalog identities} are emitted, each with exactly its dimension set:
 * that is what the stack's alarms and dashboard watch. EMF gives a dimension one value per document
 * (and a metric one value), so an invocation whose failures had several reasons, or whose executions
 * several statuses, adds one short document per further value; the usual invocation writes exactly one
 * line. Nothing is written for an invocation that recorded nothing.
 */
public final class EmfMetrics implements PipelineMetrics {
    private final String component;
    private final PrintStream out;
    private final Clock clock;

    /** One CloudWatch series: an identity with its dimension values. */
    private record Series(MetricIdentity identity, Map<String, String> dimensions) {}

    private final Map<Series, Long> values = new LinkedHashMap<>();

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

    @Override public void listed(long count) { add(MetricIdentity.LISTED, count, null); }
    @Override public void enqueued(long count) { add(MetricIdentity.ENQUEUED, count, null); }
    @Override public void downloadedBytes(long bytes) { add(MetricIdentity.DOWNLOADED_BYTES, bytes, null); }
    @Override public void stored() { add(MetricIdentity.STORED, 1, null); }
    @Override public void alreadyPresent() { add(MetricIdentity.ALREADY_PRESENT, 1, null); }

    /** Disclosures a listing found stored by an earlier execution (the lister counts them, not the persister). */
    public void alreadyPresent(long count) { add(MetricIdentity.ALREADY_PRESENT, count, null); }
    @Override public void retried(String reason) { add(MetricIdentity.RETRIES, 1, null); }

    @Override
    public void rateLimitWaited(Duration waited) {
        add(MetricIdentity.RATE_LIMIT_WAIT_MS, Math.max(0, waited.toMillis()), null);
    }

    @Override
    public synchronized void failed(String reason) {
        add(MetricIdentity.FAILED, 1, null);
        add(MetricIdentity.FAILED_BY_REASON, 1, FailureReasons.category(reason));
    }

    @Override
    public void unsettledPastDeadline(long count) {
        add(MetricIdentity.UNSETTLED_EXECUTIONS, count, null);
    }

    @Override
    public synchronized void executionFinished(ExecutionStatus status, Duration duration) {
        add(MetricIdentity.EXECUTIONS, 1, status.name());
        add(MetricIdentity.EXECUTION_DURATION_MS, duration.toMillis(), status.name());
    }

    /**
     * Adds to the series of {@code identity}: {@code Component} is this emitter's, the one other
     * dimension (Reason or Status), if the identity has one, is {@code value}.
     */
    private synchronized void add(MetricIdentity identity, long amount, String value) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (String dimension : identity.dimensions()) {
            String v = dimension.equals(MetricNames.DIM_COMPONENT) ? component : value;
            if (v == null) throw new IllegalArgumentException(identity + " needs a value for " + dimension);
            dimensions.put(dimension, v);
        }
        values.merge(new Series(identity, dimensions), amount, Long::sum);
    }

    /**
     * Prints what this invocation recorded and starts over. Returns the documents written (for tests
     * and logs); empty when nothing was recorded.
     */
    public synchronized List<String> flush() {
        if (values.isEmpty()) return List.of();
        long timestamp = clock.millis();
        List<Document> documents = new ArrayList<>();
        values.forEach((series, value) -> documents.stream().filter(d -> d.accepts(series, value)).findFirst()
                .orElseGet(() -> {
                    Document d = new Document();
                    documents.add(d);
                    return d;
                }).add(series, value));
        List<String> lines = documents.stream().map(d -> d.json(timestamp)).toList();
        lines.forEach(out::println);
        out.flush();
        values.clear();
        return lines;
    }

    /** One EMF document: root members (dimension values, metric values) and a directive per dimension set. */
    private static final class Document {
        private final Map<String, String> dimensions = new LinkedHashMap<>();
        private final Map<String, Long> metrics = new LinkedHashMap<>();
        private final Map<List<String>, List<MetricIdentity>> directives = new LinkedHashMap<>();

        /** False when a dimension or the metric already has another value in this document. */
        boolean accepts(Series series, long value) {
            for (Map.Entry<String, String> d : series.dimensions().entrySet()) {
                String present = dimensions.get(d.getKey());
                if (present != null && !present.equals(d.getValue())) return false;
            }
            Long present = metrics.get(series.identity().metricName());
            return present == null || present == value;
        }

        void add(Series series, long value) {
            dimensions.putAll(series.dimensions());
            metrics.put(series.identity().metricName(), value);
            directives.computeIfAbsent(series.identity().dimensions(), k -> new ArrayList<>()).add(series.identity());
        }

        String json(long timestamp) {
            return JsonLines.object(json -> {
                for (Map.Entry<String, String> d : dimensions.entrySet()) json.writeStringField(d.getKey(), d.getValue());
                for (Map.Entry<String, Long> m : metrics.entrySet()) json.writeNumberField(m.getKey(), m.getValue());
                json.writeObjectFieldStart("_aws");
                json.writeNumberField("Timestamp", timestamp);
                json.writeArrayFieldStart("CloudWatchMetrics");
                for (Map.Entry<List<String>, List<MetricIdentity>> directive : directives.entrySet()) {
                    directive(json, directive.getKey(), directive.getValue());
                }
                json.writeEndArray();
                json.writeEndObject();
            });
        }

        private static void directive(JsonGenerator json, List<String> dimensions, List<MetricIdentity> identities)
                throws IOException {
            json.writeStartObject();
            json.writeStringField("Namespace", MetricNames.NAMESPACE);
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            for (String dimension : dimensions) json.writeString(dimension);
            json.writeEndArray();
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (MetricIdentity identity : identities) {
                json.writeStartObject();
                json.writeStringField("Name", identity.metricName());
                json.writeStringField("Unit", identity.unit());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
