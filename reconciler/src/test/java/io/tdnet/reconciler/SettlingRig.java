package io.tdnet.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.downloader.DownloadWorker;
import io.tdnet.downloader.DownloaderConfig;
import io.tdnet.downloader.PdfDownloader;
import io.tdnet.downloader.RetrySchedule;
import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.ledger.DownloadAttempts;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.ledger.ListingLeases;
import io.tdnet.lister.DayListingReader;
import io.tdnet.lister.DisclosureLister;
import io.tdnet.lister.ExecutionIds;
import io.tdnet.lister.TdnetPageClient;
import io.tdnet.model.ArchivedDisclosure;
import io.tdnet.model.Attributes;
import io.tdnet.model.DownloadMessage;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.MessageBatchHandler;
import io.tdnet.model.Outcome;
import io.tdnet.model.OutcomeRow;
import io.tdnet.model.QueueMessage;
import io.tdnet.model.SettleHorizon;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.persister.PersistWorker;
import io.tdnet.telemetry.InMemoryMetrics;
import io.tdnet.faketdnet.FakeTdnet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The real lister, downloader, persister and reconciler on the embedded stack and a fake TDnet, with
 * the worker loops driven by hand so a test decides when a worker dies.
 */
final class SettlingRig {
    static final LocalDate DATE = LocalDate.of(2026, 2, 13);
    /** One attempt per delivery, and an hour before the next: a failing PDF stays in flight for the test. */
    static final RetrySchedule SLOW_RETRY = new RetrySchedule(1, Duration.ofMillis(10), Duration.ofMillis(10), 0,
            Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(1), 12);

    final EmbeddedAwsStack stack;
    final FakeTdnet tdnet;
    final Clock clock = Clock.systemUTC();
    final JsonCodec codec = new JsonCodec();
    final ExecutionLedger ledger;
    final ExecutionQueries queries;
    final DisclosureArchive archive;
    final InMemoryMetrics metrics = new InMemoryMetrics();
    final DownloadWorker downloadWorker;
    final PersistWorker persistWorker;
    final ExecutionReconciler reconciler;

    SettlingRig(EmbeddedAwsStack stack, FakeTdnet tdnet) {
        this.stack = stack;
        this.tdnet = tdnet;
        var r = stack.resources();
        ledger = ledger(stack.dynamoDb());
        queries = new ExecutionQueries(stack.dynamoDb(), r.executionsTable());
        archive = new DisclosureArchive(stack.dynamoDb(), r.disclosuresTable(), clock);
        DownloaderConfig config = DownloaderConfig.defaults(TdnetOrigin.of(tdnet.baseUrl()))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)).withRetry(SLOW_RETRY);
        downloadWorker = new DownloadWorker(new PdfDownloader(config, io.tdnet.model.Pacer.unthrottled(), stack.s3(), r.bucket(),
                new io.tdnet.downloader.TelemetryDownloadMetrics(metrics), clock),
                stack.sqs(), r, codec, config.retry(), clock, 1,
                new DownloadAttempts(stack.dynamoDb(), r.executionsTable(), clock)::failed);
        persistWorker = persister(ledger);
        reconciler = new ExecutionReconciler(ledger, queries,
                new DeadLetterScan(stack.sqs(), r.downloadDlqUrl(), r.persistDlqUrl()),
                new LiveQueues(stack.sqs(), r.downloadQueueUrl(), r.persistQueueUrl()),
                SettleHorizon.of(SLOW_RETRY.longestOutageSurvived(), SLOW_RETRY.visibilityCap(),
                        EmbeddedAwsStack.DOWNLOAD_VISIBILITY, Duration.ofSeconds(10), 10, EmbeddedAwsStack.PERSIST_VISIBILITY),
                Duration.ZERO, metrics, clock);
    }

    ExecutionLedger ledger(DynamoDbClient dynamo) {
        var r = stack.resources();
        return new ExecutionLedger(dynamo, r.executionsTable(), r.disclosuresTable(), clock);
    }

    PersistWorker persister(ExecutionLedger withLedger) {
        var r = stack.resources();
        return new PersistWorker(withLedger, stack.sqs(), r.persistQueueUrl(), r.persistDlqUrl(),
                PersistWorker.OutcomeListener.NONE, clock);
    }

    /** A lister of its own name (its own lease holder), as a separate process would be. */
    DisclosureLister lister(String holder) {
        return lister(holder, stack.sqs());
    }

    /** A lister of its own name that sends its download messages through {@code sqs}. */
    DisclosureLister lister(String holder, software.amazon.awssdk.services.sqs.SqsClient sqs) {
        var r = stack.resources();
        TdnetPageClient pages = new TdnetPageClient(TdnetOrigin.of(tdnet.baseUrl()), io.tdnet.model.Pacer.unthrottled(),
                TdnetPageClient.Settings.defaults());
        return new DisclosureLister(new DayListingReader(pages), ledger,
                new ListingLeases(stack.dynamoDb(), r.executionsTable(), clock, ListingLeases.DEFAULT_DURATION),
                holder, Duration.ofSeconds(30), archive, sqs, r.downloadQueueUrl(), new ExecutionIds(clock));
    }

    /** Runs both workers until both queues answer empty. */
    void drain() {
        drain(m -> false, persistWorker);
    }

    /**
     * Runs both workers until both queues answer empty; a download message matching {@code diesOn}
     * kills its worker each time (released at once, as its visibility timeout would), so SQS counts
     * its receives until it moves it to the DLQ. {@code persister} handles the persist queue; an
     * {@link Error} out of it is a killed process: its batch is released and the drain stops.
     */
    void drain(Predicate<DownloadMessage> diesOn, MessageBatchHandler persister) {
        var r = stack.resources();
        for (int round = 0; round < 200; round++) {
            boolean any = false;
            List<Message> downloads = receive(r.downloadQueueUrl());
            for (Message m : downloads) {
                any = true;
                if (diesOn.test(codec.decodeDownload(m.body()))) {
                    stack.sqs().changeMessageVisibility(b -> b.queueUrl(r.downloadQueueUrl())
                            .receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                } else {
                    handle(r.downloadQueueUrl(), List.of(m), downloadWorker);
                }
            }
            List<Message> persists = receive(r.persistQueueUrl());
            if (!persists.isEmpty()) {
                any = true;
                try {
                    handle(r.persistQueueUrl(), persists, persister);
                } catch (Error killed) {
                    persists.forEach(m -> stack.sqs().changeMessageVisibility(b -> b.queueUrl(r.persistQueueUrl())
                            .receiptHandle(m.receiptHandle()).visibilityTimeout(0)));
                    return;
                }
            }
            if (!any) return;
        }
        throw new AssertionError("the queues did not drain in 200 rounds");
    }

    private List<Message> receive(String queueUrl) {
        return stack.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .messageAttributeNames("All")).messages();
    }

    private void handle(String queueUrl, List<Message> messages, MessageBatchHandler handler) {
        List<QueueMessage> batch = messages.stream().map(m -> new QueueMessage(m.messageId(), m.receiptHandle(), m.body(),
                Integer.parseInt(m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")),
                m.messageAttributes().entrySet().stream().filter(e -> e.getValue().stringValue() != null)
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stringValue())))).toList();
        var outcome = handler.handle(batch);
        for (QueueMessage done : outcome.done(batch)) {
            stack.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(done.receiptHandle()));
        }
    }

    long depth(String queueUrl) {
        return stack.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("All")).attributes()
                .entrySet().stream().filter(e -> e.getKey().toString().startsWith("ApproximateNumberOfMessages"))
                .mapToLong(e -> Long.parseLong(e.getValue())).sum();
    }

    ExecutionSummary summary(String executionId) {
        return ledger.summary(executionId).orElseThrow();
    }

    OutcomeRow outcome(String executionId, io.tdnet.model.DisclosureId id) {
        return queries.outcomes(executionId).filter(o -> id.equals(o.disclosureId())).findFirst().orElseThrow();
    }

    /**
     * Invariants 1–3 for one execution: each counter equals its outcome rows; a settled execution has
     * listed = stored + already_present + in_flight + failed; every row carries the summary's expiry;
     * the archive holds each disclosure of the date once.
     */
    void assertExact(String executionId) {
        ExecutionSummary s = summary(executionId);
        Map<Outcome, Long> rows = new EnumMap<>(Outcome.class);
        queries.outcomes(executionId).forEach(o -> rows.merge(o.outcome(), 1L, Long::sum));
        assertThat(rows.getOrDefault(Outcome.STORED, 0L)).as("stored rows").isEqualTo(s.stored());
        assertThat(rows.getOrDefault(Outcome.ALREADY_PRESENT, 0L)).as("already present rows").isEqualTo(s.alreadyPresent());
        assertThat(rows.getOrDefault(Outcome.IN_FLIGHT, 0L)).as("in flight rows").isEqualTo(s.inFlight());
        assertThat(rows.getOrDefault(Outcome.FAILED, 0L)).as("failed rows").isEqualTo(s.failed());
        assertThat(rows.getOrDefault(Outcome.PENDING, 0L)).as("pending rows").isEqualTo(s.pending());
        if (s.status().isSettled()) {
            assertThat(s.stored() + s.alreadyPresent() + s.inFlight() + s.failed()).isEqualTo(s.listed());
        }
        List<Map<String, AttributeValue>> items = stack.dynamoDb().query(b -> b.tableName(stack.resources().executionsTable())
                .keyConditionExpression("#id = :id").expressionAttributeNames(Map.of("#id", Attributes.EXECUTION_ID))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(executionId)))).items();
        String expiry = items.stream().filter(i -> Attributes.SUMMARY_ENTRY.equals(i.get(Attributes.ENTRY).s()))
                .findFirst().orElseThrow().get(Attributes.TTL).n();
        assertThat(items).allSatisfy(i -> assertThat(i.get(Attributes.TTL)).as("ttl of " + i.get(Attributes.ENTRY).s())
                .isEqualTo(AttributeValue.fromN(expiry)));
        List<String> ids = archive.byDate(DATE).map(ArchivedDisclosure::disclosure).map(d -> d.disclosureId().value()).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }
}
