package io.tdnet.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.MetricIdentity;
import io.tdnet.model.MetricNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfMetricsTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Instant now = Instant.parse("2026-02-13T06:00:00Z");
    private final EmfMetrics metrics = new EmfMetrics("downloader", new PrintStream(bytes, true, StandardCharsets.UTF_8),
            Clock.fixed(now, ZoneOffset.UTC));
    private final ObjectMapper json = new ObjectMapper();

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) out.add(json.readTree(line));
        }
        return out;
    }

    /** Checks the EMF specification's rules and returns metric name → its dimension sets. */
    static Map<String, List<List<String>>> validEmf(JsonNode doc) {
        JsonNode aws = doc.get("_aws");
        assertThat(aws).as("_aws").isNotNull();
        assertThat(aws.get("Timestamp").isIntegralNumber()).isTrue();
        assertThat(aws.get("CloudWatchMetrics").isArray()).isTrue();
        Map<String, List<List<String>>> found = new HashMap<>();
        for (JsonNode directive : aws.get("CloudWatchMetrics")) {
            assertThat(directive.get("Namespace").asText()).isEqualTo(MetricNames.NAMESPACE);
            List<List<String>> sets = new ArrayList<>();
            for (JsonNode set : directive.get("Dimensions")) {
                List<String> names = new ArrayList<>();
                set.forEach(d -> {
                    assertThat(doc.get(d.asText())).as("dimension value " + d).isNotNull();
                    assertThat(doc.get(d.asText()).isTextual()).isTrue();
                    names.add(d.asText());
                });
                assertThat(names).hasSizeLessThanOrEqualTo(30);
                sets.add(names);
            }
            for (JsonNode metric : directive.get("Metrics")) {
                String name = metric.get("Name").asText();
                assertThat(doc.get(name)).as("metric value " + name).isNotNull();
                assertThat(doc.get(name).isNumber()).isTrue();
                found.computeIfAbsent(name, n -> new ArrayList<>()).addAll(sets);
            }
        }
        return found;
    }

    @Test
    void oneInvocationIsOneEmfLineInTheSharedNamespaceWithTheComponentDimension() throws Exception {
        metrics.downloadedBytes(1000);
        metrics.downloadedBytes(500);
        metrics.retried("http 503");
        metrics.retried("read timed out after 100 ms");
        metrics.rateLimitWaited(Duration.ofMillis(250));
        metrics.rateLimitWaited(Duration.ofMillis(750));

        List<String> written = metrics.flush();

        assertThat(written).hasSize(1);
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode doc = lines.get(0);
        Map<String, List<List<String>>> metricsFound = validEmf(doc);
        assertThat(metricsFound).containsOnlyKeys(MetricNames.DOWNLOADED_BYTES, MetricNames.RETRIES, MetricNames.RATE_LIMIT_WAIT_MS);
        assertThat(metricsFound.get(MetricNames.RETRIES)).containsExactly(List.of(MetricNames.DIM_COMPONENT));
        assertThat(doc.get("Component").asText()).isEqualTo("downloader");
        assertThat(doc.get(MetricNames.DOWNLOADED_BYTES).asLong()).isEqualTo(1500);
        assertThat(doc.get(MetricNames.RETRIES).asLong()).isEqualTo(2);
        assertThat(doc.get(MetricNames.RATE_LIMIT_WAIT_MS).asLong()).isEqualTo(1000);
        assertThat(doc.get("_aws").get("Timestamp").asLong()).isEqualTo(now.toEpochMilli());
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\"Unit\":\"Bytes\"");
    }

    @Test
    void failuresCarryTheReasonCategoryAndASecondReasonGetsItsOwnDocument() throws Exception {
        metrics.stored();
        metrics.failed("http 404");
        metrics.failed("http 404");
        metrics.flush();
        JsonNode one = lines().get(0);
        assertThat(validEmf(one).get(MetricNames.FAILED)).containsExactlyInAnyOrder(
                List.of(MetricNames.DIM_COMPONENT), List.of(MetricNames.DIM_COMPONENT, MetricNames.DIM_REASON));
        assertThat(one.get(MetricNames.DIM_REASON).asText()).isEqualTo(FailureReasons.HTTP_NOT_FOUND);
        assertThat(one.get(MetricNames.FAILED).asLong()).isEqualTo(2);

        bytes.reset();
        metrics.failed("http 404");
        metrics.failed("not a PDF (starts with <html>)");
        metrics.failed("not a PDF (starts with <!DOC)");
        metrics.flush();
        List<JsonNode> docs = lines();
        assertThat(docs).hasSize(3);
        docs.forEach(EmfMetricsTest::validEmf);
        assertThat(docs.get(0).get(MetricNames.FAILED).asLong()).isEqualTo(3);
        assertThat(docs.get(0).has(MetricNames.DIM_REASON)).isFalse();
        Map<String, Long> byReason = new HashMap<>();
        docs.subList(1, 3).forEach(d -> byReason.put(d.get(MetricNames.DIM_REASON).asText(), d.get(MetricNames.FAILED).asLong()));
        assertThat(byReason).containsExactlyInAnyOrderEntriesOf(Map.of(FailureReasons.HTTP_NOT_FOUND, 1L, FailureReasons.NOT_PDF, 2L));
    }

    @Test
    void executionsCarryTheStatusAndTheirDuration() throws Exception {
        metrics.executionFinished(ExecutionStatus.FAILED, Duration.ofSeconds(3));
        metrics.flush();
        JsonNode doc = lines().get(0);
        assertThat(validEmf(doc).get(MetricNames.EXECUTION_DURATION_MS))
                .containsExactly(List.of(MetricNames.DIM_STATUS));
        assertThat(validEmf(doc).get(MetricNames.EXECUTIONS)).containsExactly(List.of(MetricNames.DIM_STATUS));
        assertThat(doc.get(MetricNames.DIM_STATUS).asText()).isEqualTo("FAILED");
        assertThat(doc.get(MetricNames.EXECUTIONS).asLong()).isEqualTo(1);
        assertThat(doc.get(MetricNames.EXECUTION_DURATION_MS).asLong()).isEqualTo(3000);
    }

    @Test
    void everyDirectiveIsACatalogIdentityAndEveryEmittedIdentityIsReached() throws Exception {
        metrics.listed(3);
        metrics.enqueued(2);
        metrics.downloadedBytes(10);
        metrics.stored();
        metrics.alreadyPresent();
        metrics.retried("http 503");
        metrics.rateLimitWaited(Duration.ofMillis(5));
        metrics.failed("http 404");
        metrics.failed("not a PDF (starts with <html>)");
        metrics.executionFinished(ExecutionStatus.FAILED, Duration.ofSeconds(1));
        metrics.executionFinished(ExecutionStatus.COMPLETED, Duration.ofSeconds(2));
        metrics.unsettledPastDeadline(0);
        metrics.flush();

        java.util.Set<MetricIdentity> emitted = java.util.EnumSet.noneOf(MetricIdentity.class);
        for (JsonNode doc : lines()) {
            validEmf(doc).forEach((name, sets) -> sets.forEach(set -> emitted.add(MetricIdentity.find(name, set)
                    .orElseThrow(() -> new AssertionError(name + set + " is not a catalog identity")))));
        }
        assertThat(emitted).isEqualTo(java.util.EnumSet.allOf(MetricIdentity.class));
    }

    @Test
    void aDirectiveOutsideTheCatalogIsFoundByTheCheck() {
        assertThat(MetricIdentity.find(MetricNames.EXECUTIONS, List.of(MetricNames.DIM_COMPONENT, MetricNames.DIM_STATUS))).isEmpty();
        assertThat(MetricIdentity.find(MetricNames.EXECUTIONS, List.of(MetricNames.DIM_STATUS))).contains(MetricIdentity.EXECUTIONS);
    }

    @Test
    void flushStartsOverAndAnEmptyInvocationWritesNothing() throws Exception {
        assertThat(metrics.flush()).isEmpty();
        assertThat(bytes.size()).isZero();
        metrics.stored();
        metrics.flush();
        bytes.reset();
        metrics.alreadyPresent();
        metrics.flush();
        JsonNode doc = lines().get(0);
        assertThat(doc.has(MetricNames.STORED)).isFalse();
        assertThat(doc.get(MetricNames.ALREADY_PRESENT).asLong()).isEqualTo(1);
    }

    @Test
    void concurrentRecordingLosesNothing() throws Exception {
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) metrics.stored();
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        metrics.flush();
        assertThat(lines().get(0).get(MetricNames.STORED).asLong()).isEqualTo(40_000);
    }
}
