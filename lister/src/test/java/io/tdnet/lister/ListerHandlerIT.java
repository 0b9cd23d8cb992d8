package io.tdnet.lister;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.ListingLeases;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.DownloadMessage;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.Pacer;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeTdnet;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The scheduled lister Lambda, invoked with a real EventBridge "Scheduled Event" against the embedded
 * stack and the fake TDnet: it lists today in JST (or the event's date), records the plan, enqueues.
 */
@ExtendWith(EmbeddedAwsExtension.class)
class ListerHandlerIT {
    // 06:30 UTC = 15:30 JST on 2026-02-13
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-13T06:30:00Z"), ZoneOffset.UTC);
    private static final LocalDate DAY = LocalDate.of(2026, 2, 13);

    private final EmbeddedAwsStack stack;
    private final JsonCodec codec = new JsonCodec();
    private FakeTdnet tdnet;
    private ExecutionLedger ledger;
    private DisclosureArchive archive;
    private ListerHandler handler;

    ListerHandlerIT(EmbeddedAwsStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void setUp() {
        stack.reset();
        tdnet = FakeTdnet.start();
        var r = stack.resources();
        ledger = new ExecutionLedger(stack.dynamoDb(), r.executionsTable(), r.disclosuresTable(), CLOCK);
        archive = new DisclosureArchive(stack.dynamoDb(), r.disclosuresTable(), CLOCK);
        TdnetOrigin origin = TdnetOrigin.of(tdnet.baseUrl());
        TdnetPageClient pages = new TdnetPageClient(origin, Pacer.unthrottled(), TdnetPageClient.Settings.defaults());
        DisclosureLister lister = new DisclosureLister(new DayListingReader(pages), ledger,
                new ListingLeases(stack.dynamoDb(), r.executionsTable(), CLOCK, ListingLeases.DEFAULT_DURATION),
                "lister-test", Duration.ofSeconds(5), archive, stack.sqs(), r.downloadQueueUrl(), new ExecutionIds(CLOCK));
        handler = new ListerHandler(new ScheduledListing(lister, CLOCK, EmfMetrics.toStdout(ListerHandler.COMPONENT)));
    }

    @AfterEach
    void tearDown() {
        tdnet.close();
    }

    private ScheduledEvent event(String date) throws Exception {
        ObjectMapper lambdaLike = JsonMapper.builder()
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();
        try (InputStream in = getClass().getResourceAsStream("/events/scheduled-event.json")) {
            ObjectNode tree = (ObjectNode) lambdaLike.readTree(in);
            tree.put("detailType", tree.get("detail-type").asText());
            tree.remove("time"); // a Joda DateTime in the events library; the handler does not read it
            if (date != null) ((ObjectNode) tree.get("detail")).put("date", date);
            return lambdaLike.treeToValue(tree, ScheduledEvent.class);
        }
    }

    private List<DownloadMessage> drainDownloadQueue() {
        List<DownloadMessage> all = new java.util.ArrayList<>();
        while (true) {
            List<Message> batch = stack.sqs().receiveMessage(b -> b.queueUrl(stack.resources().downloadQueueUrl())
                    .maxNumberOfMessages(10).visibilityTimeout(300)).messages();
            if (batch.isEmpty()) return all;
            batch.forEach(m -> all.add(codec.decodeDownload(m.body())));
        }
    }

    @Test
    void listsTodayInJstAndEnqueuesOneMessagePerDisclosure() throws Exception {
        FakeDay day = tdnet.addDay(DAY, 230, 1);

        Map<String, Object> result = handler.handleRequest(event(null), null);

        assertThat(result).containsEntry("date", "2026-02-13").containsEntry("status", "RUNNING");
        List<DownloadMessage> messages = drainDownloadQueue();
        Set<DisclosureId> ids = new HashSet<>();
        messages.forEach(m -> ids.add(m.disclosure().disclosureId()));
        assertThat(messages).hasSize(day.ids().size());
        assertThat(ids).containsExactlyInAnyOrderElementsOf(day.ids());
        ExecutionSummary summary = ledger.executionsOf(DAY).findFirst().orElseThrow();
        assertThat(summary.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(summary.bannerTotal()).isEqualTo((long) day.bannerTotal());
        assertThat(summary.listed() + summary.withdrawn()).isEqualTo(day.bannerTotal());
        assertThat(summary.withdrawn()).isEqualTo(day.withdrawnCount());
        assertThat(messages).allSatisfy(m -> assertThat(m.executionId()).isEqualTo(summary.executionId()));
    }

    @Test
    void theEventsDateWinsAndAFailedListingIsRecordedWithItsReason() throws Exception {
        Map<String, Object> result = handler.handleRequest(event("2026-01-05"), null);
        assertThat(result).containsEntry("date", "2026-01-05").containsEntry("status", "FAILED");
        assertThat((String) result.get("reason")).contains("2026-01-05");
        assertThat(drainDownloadQueue()).isEmpty();
        assertThat(ledger.executionsOf(LocalDate.of(2026, 1, 5)).findFirst().orElseThrow().reason()).contains("2026-01-05");
    }

    @Test
    void aSecondRunWhileTheFirstIsRunningListsTheDayAndCountsTheFirstsMessagesInFlight() throws Exception {
        tdnet.addDay(DAY, 20, 2);
        Map<String, Object> first = handler.handleRequest(event(null), null);
        assertThat(first.get("enqueued")).isEqualTo(20);
        tdnet.clearRequests();
        Map<String, Object> second = handler.handleRequest(event(null), null);
        assertThat(second.get("execution_id")).isNotEqualTo(first.get("execution_id"));
        assertThat(tdnet.requests()).isNotEmpty(); // the day was listed again, not skipped
        assertThat(second.get("enqueued")).isEqualTo(0);
        assertThat(second).containsEntry("in_flight", 20L).containsEntry("status", "COMPLETED");
        assertThat(drainDownloadQueue()).hasSize(20)
                .allSatisfy(m -> assertThat(m.executionId()).isEqualTo(first.get("execution_id")));
        ExecutionSummary running = ledger.summary((String) first.get("execution_id")).orElseThrow();
        assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(running.pending()).isEqualTo(20);
    }

    /**
     * Issue 17: the {@code Listed} metric summed over runs equals the ledger's {@code listed} summed over
     * executions — a run that finds its date RUNNING created nothing and reports nothing; a re-run after
     * the first settled is a new execution and reports its own rows.
     */
    @Test
    void listedMetricsEqualTheLedgersListedPerExecution() throws Exception {
        tdnet.addDay(DAY, 20, 4);
        java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
        io.tdnet.telemetry.EmfMetrics emf = new io.tdnet.telemetry.EmfMetrics(ListerHandler.COMPONENT,
                new java.io.PrintStream(stdout, true, java.nio.charset.StandardCharsets.UTF_8), CLOCK);
        var r = stack.resources();
        TdnetPageClient pages = new TdnetPageClient(TdnetOrigin.of(tdnet.baseUrl()), Pacer.unthrottled(), TdnetPageClient.Settings.defaults());
        ListerHandler counted = new ListerHandler(new ScheduledListing(new DisclosureLister(new DayListingReader(pages), ledger,
                new ListingLeases(stack.dynamoDb(), r.executionsTable(), CLOCK, ListingLeases.DEFAULT_DURATION),
                "lister-test", Duration.ofSeconds(5), archive, stack.sqs(), r.downloadQueueUrl(), new ExecutionIds(CLOCK)),
                CLOCK, emf));

        String first = (String) counted.handleRequest(event(null), null).get("execution_id");
        counted.handleRequest(event(null), null); // the first is still RUNNING: nothing new
        for (var d : ledger.pending(first)) ledger.recordStored(first, d, new io.tdnet.model.StoredPdf(d.pdfS3Key(), "aa", 1));
        assertThat(ledger.summary(first).orElseThrow().status()).isEqualTo(ExecutionStatus.COMPLETED);
        String rerun = (String) counted.handleRequest(event(null), null).get("execution_id"); // a new execution
        assertThat(rerun).isNotEqualTo(first);

        long listedMetric = 0;
        for (String line : stdout.toString(java.nio.charset.StandardCharsets.UTF_8).strip().split("\n")) {
            var metric = new ObjectMapper().readTree(line).get(io.tdnet.model.MetricNames.LISTED);
            if (metric != null) listedMetric += metric.asLong();
        }
        // summed over every execution of the date (however many runs created one): reported once each
        long listedLedger = ledger.executionsOf(DAY).mapToLong(ExecutionSummary::listed).sum();
        assertThat(listedLedger).isPositive();
        assertThat(listedMetric).isEqualTo(listedLedger);
    }
}
