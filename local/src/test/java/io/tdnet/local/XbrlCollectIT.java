package io.tdnet.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeRow;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.RecordedRequest;
import io.tdnet.faketdnet.XbrlZip;
import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.lister.ListingResult;
import io.tdnet.model.ArchivedDisclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.Names;
import io.tdnet.model.OutcomeRow;
import io.tdnet.model.Pacer;
import io.tdnet.model.PipelineResources;
import io.tdnet.model.Rate;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import io.tdnet.wiring.pacing.SharedPacer;
import io.tdnet.wiring.pacing.SharedSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Issue 19's acceptance on the shared embedded stack, through the collect path ({@link LocalPipeline}:
 * lister, download and persist workers, reconciler) against the fake TDnet: XBRL zips stored once with
 * their sha256 and exact counters, nothing fetched without the flag, the XBRLs of disclosures stored
 * earlier fetched by a re-run with it, every bad zip a failure with its reason that leaves the PDF
 * alone and heals on redrive, and the zips sharing the rate R.
 */
@ExtendWith(EmbeddedAwsExtension.class)
class XbrlCollectIT {
    private static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    private static final long SECOND = 1_000_000_000L;

    private EmbeddedAwsStack stack;
    private FakeTdnet tdnet;

    @BeforeEach
    void start(EmbeddedAwsStack stack) {
        stack.reset();
        this.stack = stack;
        tdnet = FakeTdnet.start();
    }

    @AfterEach
    void stop() {
        tdnet.close();
    }

    /** The collect path over the shared stack; the stack outlives it. */
    private final class SharedStackEnvironment implements PipelineEnvironment {
        @Override public SqsClient sqs() { return stack.sqs(); }
        @Override public S3Client s3() { return stack.s3(); }
        @Override public DynamoDbClient dynamoDb() { return stack.dynamoDb(); }
        @Override public PipelineResources resources() { return stack.resources(); }
        @Override public String describe() { return "the shared test stack"; }
        @Override public String locationOf(String s3Key) { return s3Key; }
        @Override public boolean ownsRunningExecutions() { return true; }
        @Override public void close() {}

        @Override
        public Pacer pacer(Rate rate, TdnetOrigin origin, SharedPacer.Observer observer) {
            return SharedSchedule.inProcess(stack.scheduleDynamoDb(), Names.PACER_TABLE, rate, origin, observer);
        }
    }

    private CollectOptions options(double rate, boolean withXbrl, long maxXbrlBytes) {
        CollectOptions plain = new CollectOptions(TdnetOrigin.of(tdnet.baseUrl()), rate, 100_000_000L,
                "tdnet-pipeline-it/1 (+http://127.0.0.1/contact)", 2, 2, null);
        return withXbrl ? plain.withXbrl(maxXbrlBytes) : plain;
    }

    private ExecutionSummary collect(CollectOptions options) throws InterruptedException {
        try (LocalPipeline pipeline = new LocalPipeline(new SharedStackEnvironment(), options, Clock.systemUTC())) {
            ListingResult listing = pipeline.list(DAY);
            assertThat(listing.accepted()).as(String.valueOf(listing.failure())).isTrue();
            return pipeline.runUntilSettled(listing.summary().executionId(), s -> {});
        }
    }

    private static List<FakeRow> withXbrl(FakeDay day) {
        return day.rows().stream().filter(FakeRow::hasValidLink).filter(r -> r.xbrl() != null).toList();
    }

    private List<RecordedRequest> zipRequests() {
        return tdnet.requests().stream().filter(r -> r.fileName().endsWith(".zip")).toList();
    }

    private Map<DisclosureId, ArchivedDisclosure> archived() {
        Map<DisclosureId, ArchivedDisclosure> byId = new HashMap<>();
        new io.tdnet.ledger.DisclosureArchive(stack.dynamoDb(), stack.resources().disclosuresTable(), Clock.systemUTC())
                .byDate(DAY).forEach(a -> byId.put(a.disclosure().disclosureId(), a));
        return byId;
    }

    private byte[] object(String key) {
        return stack.s3().getObjectAsBytes(b -> b.bucket(stack.resources().bucket()).key(key)).asByteArray();
    }

    @Test
    void everyZipIsStoredOnceWithItsSha256AndTheCountersAreExact_andWithoutTheFlagNoneIsFetched() throws Exception {
        FakeDay day = tdnet.addDay(DAY, 18, 19);
        List<FakeRow> linked = withXbrl(day);
        assertThat(linked).as("the fake links an XBRL on about a third of its rows").hasSizeBetween(3, 12);

        ExecutionSummary without = collect(options(200, false, io.tdnet.model.Tdnet.DEFAULT_MAX_XBRL_BYTES));
        assertThat(without.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(zipRequests()).as("nothing fetched without --with-xbrl").isEmpty();
        assertThat(without.xbrl().total()).isZero();
        assertThat(archived().values()).allMatch(a -> a.xbrl() == null);

        // the re-run with the flag fetches the XBRLs missing for the disclosures stored above
        tdnet.clearRequests();
        ExecutionSummary rerun = collect(options(200, true, io.tdnet.model.Tdnet.DEFAULT_MAX_XBRL_BYTES));
        assertThat(rerun.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(rerun.stored()).isZero();
        assertThat(rerun.alreadyPresent()).isEqualTo(day.ids().size());
        assertThat(rerun.xbrl().stored()).isEqualTo(linked.size());
        assertThat(rerun.xbrl().alreadyPresent()).isZero();
        assertThat(rerun.xbrl().failed()).isZero();
        assertThat(tdnet.requests()).filteredOn(RecordedRequest::isPdf).as("the PDFs are found in S3").isEmpty();
        assertThat(zipRequests()).extracting(RecordedRequest::fileName)
                .containsExactlyInAnyOrderElementsOf(linked.stream().map(FakeRow::xbrl).toList());

        Map<DisclosureId, ArchivedDisclosure> archive = archived();
        for (FakeRow row : linked) {
            ArchivedDisclosure a = archive.get(row.id());
            assertThat(a.xbrl()).as(row.id().value()).isNotNull();
            assertThat(a.xbrl().s3Key()).isEqualTo("xbrl/2026/02/13/" + row.id().value() + ".zip");
            assertThat(a.xbrl().sha256()).isEqualTo(XbrlZip.sha256(row.xbrl()));
            assertThat(object(a.xbrl().s3Key())).isEqualTo(XbrlZip.bytes(row.xbrl()));
            assertThat(a.xbrl().bytes()).isEqualTo(XbrlZip.bytes(row.xbrl()).length);
        }
        assertThat(archive.values()).filteredOn(a -> a.xbrl() != null).hasSize(linked.size());

        // once more with the flag: every XBRL is there, nothing is fetched
        tdnet.clearRequests();
        ExecutionSummary third = collect(options(200, true, io.tdnet.model.Tdnet.DEFAULT_MAX_XBRL_BYTES));
        assertThat(third.alreadyPresent()).isEqualTo(day.ids().size());
        assertThat(third.xbrl().total()).isZero();
        assertThat(zipRequests()).isEmpty();
    }

    @Test
    void eachBadZipFailsWithItsReasonLeavesThePdfStoredExitsThreeAndHealsOnRedrive() throws Exception {
        FakeDay day = tdnet.addDay(DAY, 24, 23);
        List<FakeRow> linked = withXbrl(day);
        assertThat(linked).hasSizeGreaterThanOrEqualTo(4);
        Map<String, String> expectedReason = new HashMap<>();
        XbrlZip.Fault.Kind[] kinds = {XbrlZip.Fault.Kind.TRUNCATED, XbrlZip.Fault.Kind.HTML, XbrlZip.Fault.Kind.OVERSIZE,
                XbrlZip.Fault.Kind.NOT_FOUND};
        String[] reasons = {"truncated zip", "not a zip (starts with <", "zip over 65536 bytes", "404"};
        for (int i = 0; i < kinds.length; i++) {
            tdnet.xbrlFault(linked.get(i).xbrl(), XbrlZip.Fault.forever(kinds[i]));
            expectedReason.put(linked.get(i).id().value(), reasons[i]);
        }

        ExecutionSummary run = collect(options(200, true, 65_536));
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);
        assertThat(DayOutcome.of(run.status())).isEqualTo(DayOutcome.SETTLED_WITH_FAILURES); // exit 3
        assertThat(run.stored()).as("every PDF is stored").isEqualTo(day.ids().size());
        assertThat(run.failed()).isZero();
        assertThat(run.xbrl().failed()).isEqualTo(kinds.length);
        assertThat(run.xbrl().stored()).isEqualTo(linked.size() - kinds.length);

        var queries = new io.tdnet.ledger.ExecutionQueries(stack.dynamoDb(), stack.resources().executionsTable());
        List<OutcomeRow> failures = queries.failures(run.executionId());
        assertThat(failures).hasSize(kinds.length);
        for (OutcomeRow f : failures) {
            assertThat(f.outcome()).as("the PDF outcome stays").isEqualTo(io.tdnet.model.Outcome.STORED);
            assertThat(f.reason()).startsWith("xbrl: ").contains(expectedReason.get(f.disclosureId().value()));
        }
        Map<DisclosureId, ArchivedDisclosure> archive = archived();
        for (int i = 0; i < kinds.length; i++) {
            ArchivedDisclosure a = archive.get(linked.get(i).id());
            assertThat(a.xbrl()).isNull();
            assertThat(object(a.pdf().s3Key())).isEqualTo(tdnet.pdfBytes(a.disclosure().disclosureId()));
        }

        // heal, then what `dlq redrive` does: the dead letters go back to the download queue
        tdnet.healAll();
        List<Message> letters = deadLetters(kinds.length);
        for (Message m : letters) {
            stack.sqs().sendMessage(b -> b.queueUrl(stack.resources().downloadQueueUrl()).messageBody(m.body()));
            stack.sqs().deleteMessage(b -> b.queueUrl(stack.resources().downloadDlqUrl()).receiptHandle(m.receiptHandle()));
        }
        tdnet.clearRequests();
        try (LocalPipeline pipeline = new LocalPipeline(new SharedStackEnvironment(), options(200, true, 65_536),
                Clock.systemUTC())) {
            pipeline.runUntilDrained(Duration.ofSeconds(60));
        }
        ExecutionSummary healed = queries.summary(run.executionId()).orElseThrow();
        assertThat(healed.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(healed.xbrl().failed()).isZero();
        assertThat(healed.xbrl().stored()).isEqualTo(linked.size());
        assertThat(healed.stored()).isEqualTo(day.ids().size());
        assertThat(queries.failures(run.executionId())).isEmpty();
        assertThat(tdnet.requests()).filteredOn(RecordedRequest::isPdf).as("the PDFs are found in S3").isEmpty();
        archive = archived();
        for (int i = 0; i < kinds.length; i++) {
            assertThat(archive.get(linked.get(i).id()).xbrl().sha256()).isEqualTo(XbrlZip.sha256(linked.get(i).xbrl()));
        }
    }

    private List<Message> deadLetters(int expected) {
        List<Message> letters = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            letters.addAll(stack.sqs().receiveMessage(b -> b.queueUrl(stack.resources().downloadDlqUrl())
                    .maxNumberOfMessages(10).visibilityTimeout(60).messageAttributeNames("All")).messages());
            return letters.size() >= expected;
        });
        assertThat(letters).hasSize(expected);
        assertThat(letters).allMatch(m -> m.messageAttributes().get(Names.ATTR_FAILURE_REASON).stringValue().startsWith("xbrl: "));
        return letters;
    }

    @Test
    void theZipsShareTheRate_neverMoreThanRInAnyOneSecondWindow() throws Exception {
        int rate = 2;
        FakeDay day = tdnet.addDay(DAY, 8, 29);
        List<FakeRow> linked = withXbrl(day);
        assertThat(linked).isNotEmpty();

        ExecutionSummary run = collect(options(rate, true, io.tdnet.model.Tdnet.DEFAULT_MAX_XBRL_BYTES));
        assertThat(run.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(run.xbrl().stored()).isEqualTo(linked.size());

        long[] times = tdnet.requests().stream().mapToLong(RecordedRequest::nanoTime).sorted().toArray();
        assertThat(times.length).isGreaterThanOrEqualTo(1 + day.ids().size() + linked.size());
        int maxInWindow = 0;
        for (int i = 0, j = 0; i < times.length; i++) {
            while (times[i] - times[j] >= SECOND) j++;
            maxInWindow = Math.max(maxInWindow, i - j + 1);
        }
        assertThat(maxInWindow).isLessThanOrEqualTo(rate);
    }
}
