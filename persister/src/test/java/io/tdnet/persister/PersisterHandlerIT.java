package io.tdnet.persister;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.ListingPlan;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.Names;
import io.tdnet.model.PersistMessage;
import io.tdnet.model.StoredPdf;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import java.io.InputStream;
import io.tdnet.telemetry.EmfMetrics;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/** The persister Lambda handler invoked with a real SQS event shape against the embedded stack. */
@ExtendWith(EmbeddedAwsExtension.class)
class PersisterHandlerIT {
    private static final LocalDate DATE = LocalDate.of(2026, 2, 13);
    private final EmbeddedAwsStack stack;
    private final JsonCodec codec = new JsonCodec();
    private ExecutionLedger ledger;

    PersisterHandlerIT(EmbeddedAwsStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void reset() {
        stack.reset();
        var r = stack.resources();
        ledger = new ExecutionLedger(stack.dynamoDb(), r.executionsTable(), r.disclosuresTable(), Clock.systemUTC());
    }

    /** The date's listing lease, as a lister would hold it while planning. */
    private io.tdnet.ledger.ListingLease lease() {
        var r = stack.resources();
        return new io.tdnet.ledger.ListingLeases(stack.dynamoDb(), r.executionsTable(), Clock.systemUTC(),
                io.tdnet.ledger.ListingLeases.DEFAULT_DURATION).tryAcquire(DATE, "persister-test").orElseThrow();
    }

    private static Disclosure disclosure(String id) {
        return new Disclosure(new DisclosureId(id), DATE, OffsetDateTime.of(2026, 2, 13, 15, 0, 0, 0, ZoneOffset.ofHours(9)),
                "13010", "極洋", "決算短信", null, "東", null, "http://127.0.0.1/inbs/" + id + ".pdf", null);
    }

    private PersisterHandler handler(String executionsTable) {
        var r = stack.resources();
        ExecutionLedger l = new ExecutionLedger(stack.dynamoDb(), executionsTable, r.disclosuresTable(), Clock.systemUTC());
        return new PersisterHandler(new PersistWorker(l, stack.sqs(), r.persistQueueUrl(), r.persistDlqUrl(),
                PersistWorker.OutcomeListener.NONE, Clock.systemUTC()), EmfMetrics.toStdout(PersisterHandler.COMPONENT));
    }

    /** The fixture event with one record per body, as the Lambda runtime would hand it over. */
    private SQSEvent event(List<String> bodies) throws Exception {
        ObjectMapper plain = new ObjectMapper();
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/sqs-event.json")) {
            fixture = plain.readTree(in);
        }
        ObjectNode template = (ObjectNode) fixture.get("Records").get(0);
        ArrayNode records = plain.createArrayNode();
        for (int i = 0; i < bodies.size(); i++) {
            ObjectNode record = template.deepCopy();
            record.put("messageId", "m-" + i);
            record.put("body", bodies.get(i));
            records.add(record);
        }
        ((ObjectNode) fixture).set("Records", records);
        ObjectMapper lambdaLike = JsonMapper.builder()
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();
        return lambdaLike.treeToValue(fixture, SQSEvent.class);
    }

    @Test
    void recordsOutcomesOnceAndDeadLettersWhatItCannotRead() throws Exception {
        Disclosure a = disclosure("140120260213000001");
        Disclosure b = disclosure("140120260213000002");
        ledger.begin("e1", DATE, lease());
        ledger.acceptListing("e1", new ListingPlan(2, 0, List.of(a, b), List.of(), List.of()), lease());
        ledger.markRunning("e1", lease());
        String stored = codec.encode(PersistMessage.stored("e1", a, new StoredPdf(a.pdfS3Key(), "aa", 10)));
        String failed = codec.encode(PersistMessage.failed("e1", b, "http 404"));
        String stranger = codec.encode(PersistMessage.stored("e1", disclosure("140120260213000003"), new StoredPdf("k", "cc", 1)));

        SQSBatchResponse response = handler(stack.resources().executionsTable())
                .handleRequest(event(List.of(stored, stored, failed, "{not json", stranger)), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        var summary = ledger.summary("e1").orElseThrow();
        assertThat(summary.stored()).isEqualTo(1);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.status()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);
        List<Message> dead = stack.sqs().receiveMessage(r -> r.queueUrl(stack.resources().persistDlqUrl())
                .maxNumberOfMessages(10).messageAttributeNames("All")).messages();
        assertThat(dead).hasSize(2);
        assertThat(dead).allSatisfy(m -> assertThat(m.messageAttributes()).containsKey(Names.ATTR_FAILURE_REASON));
    }

    @Test
    void oneInvocationFlushesOneEmfDocumentInTheSharedNamespace() throws Exception {
        Disclosure a = disclosure("140120260213000001");
        Disclosure b = disclosure("140120260213000002");
        ledger.begin("e3", DATE, lease());
        ledger.acceptListing("e3", new ListingPlan(2, 0, List.of(a, b), List.of(), List.of()), lease());
        ledger.markRunning("e3", lease());
        String stored = codec.encode(PersistMessage.stored("e3", a, new StoredPdf(a.pdfS3Key(), "aa", 10)));
        String failed = codec.encode(PersistMessage.failed("e3", b, "http 404"));
        var r = stack.resources();
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        io.tdnet.telemetry.EmfMetrics emf = new io.tdnet.telemetry.EmfMetrics(PersisterHandler.COMPONENT,
                new java.io.PrintStream(stdout, true, java.nio.charset.StandardCharsets.UTF_8), Clock.systemUTC());
        PersisterHandler handler = new PersisterHandler(new PersistWorker(ledger, stack.sqs(), r.persistQueueUrl(),
                r.persistDlqUrl(), new OutcomeMetrics(emf), Clock.systemUTC()), emf);

        handler.handleRequest(event(List.of(stored, stored, failed)), null);

        String[] lines = stdout.toString(java.nio.charset.StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode doc = new ObjectMapper().readTree(lines[0]);
        JsonNode directives = doc.get("_aws").get("CloudWatchMetrics");
        assertThat(doc.get("_aws").get("Timestamp").isIntegralNumber()).isTrue();
        assertThat(directives.isArray() && directives.size() > 0).isTrue();
        for (JsonNode directive : directives) {
            assertThat(directive.get("Namespace").asText()).isEqualTo(io.tdnet.model.MetricNames.NAMESPACE);
            for (JsonNode set : directive.get("Dimensions")) set.forEach(d -> assertThat(doc.get(d.asText()).isTextual()).isTrue());
            for (JsonNode metric : directive.get("Metrics")) assertThat(doc.get(metric.get("Name").asText()).isNumber()).isTrue();
        }
        assertThat(doc.get("Component").asText()).isEqualTo("persister");
        assertThat(doc.get(io.tdnet.model.MetricNames.STORED).asLong()).isEqualTo(1); // the duplicate counts nothing
        assertThat(doc.get(io.tdnet.model.MetricNames.FAILED).asLong()).isEqualTo(1);
        assertThat(doc.get(io.tdnet.model.MetricNames.DIM_REASON).asText()).isEqualTo("http_404");

        stdout.reset();
        handler.handleRequest(event(List.of(stored)), null);
        assertThat(stdout.size()).as("a duplicate-only invocation records nothing").isZero();
    }

    @Test
    void aDynamoDbFailureLeavesTheMessageForRedelivery() throws Exception {
        Disclosure a = disclosure("140120260213000001");
        String stored = codec.encode(PersistMessage.stored("e2", a, new StoredPdf(a.pdfS3Key(), "aa", 10)));
        SQSBatchResponse response = handler("no-such-table").handleRequest(event(List.of(stored)), null);
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-0");
    }
}
