package io.tdnet.persister;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.ListingPlan;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.PersistMessage;
import io.tdnet.model.QueueMessage;
import io.tdnet.model.StoredPdf;
import io.tdnet.telemetry.InMemoryMetrics;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The persister's {@code Stored}/{@code Failed} metrics equal the ledger's counters, on the batched
 * path, on the one-by-one fallback, and when a batch transaction committed but its caller never heard
 * (the answer lost after the commit: the fallback then meets outcomes that are final already).
 */
@ExtendWith(EmbeddedAwsExtension.class)
class OutcomeMetricsIT {
    private static final LocalDate DATE = LocalDate.of(2026, 2, 13);
    private final EmbeddedAwsStack stack;
    private final JsonCodec codec = new JsonCodec();
    private ExecutionLedger ledger;

    OutcomeMetricsIT(EmbeddedAwsStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void reset() {
        stack.reset();
        ledger = ledger(stack.dynamoDb());
    }

    private ExecutionLedger ledger(DynamoDbClient dynamo) {
        var r = stack.resources();
        return new ExecutionLedger(dynamo, r.executionsTable(), r.disclosuresTable(), Clock.systemUTC());
    }

    /** The date's listing lease for this test's plans (the same holder gets it back at once). */
    private io.tdnet.ledger.ListingLease lease() {
        var r = stack.resources();
        return new io.tdnet.ledger.ListingLeases(stack.dynamoDb(), r.executionsTable(), Clock.systemUTC(),
                io.tdnet.ledger.ListingLeases.DEFAULT_DURATION).tryAcquire(DATE, "persister-test").orElseThrow();
    }

    private PersistWorker worker(ExecutionLedger l, InMemoryMetrics metrics) {
        var r = stack.resources();
        return new PersistWorker(l, stack.sqs(), r.persistQueueUrl(), r.persistDlqUrl(), new OutcomeMetrics(metrics), Clock.systemUTC());
    }

    /**
     * The real DynamoDB Local client, except that its first {@code TransactWriteItems} (the worker's batch,
     * the first write it makes) throws after it committed: the effect happened, the caller never learns it.
     */
    private static DynamoDbClient answerLostAfterFirstBatch(DynamoDbClient real, AtomicInteger lost) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("transactWriteItems") && lost.getAndIncrement() == 0) {
                        throw SdkClientException.create("connection reset after the commit (injected)");
                    }
                    return result;
                });
    }

    private static Disclosure disclosure(int n) {
        String id = String.format("1401202602130%05d", n);
        return new Disclosure(new DisclosureId(id), DATE, OffsetDateTime.of(2026, 2, 13, 15, 0, 0, 0, ZoneOffset.ofHours(9)),
                "13010", "極洋", "決算短信", null, "東", null, "http://127.0.0.1/inbs/" + id + ".pdf", null);
    }

    private String running(String executionId, List<Disclosure> pending, List<DisclosureId> present) {
        ledger.begin(executionId, DATE, lease());
        ledger.acceptListing(executionId, new ListingPlan(pending.size() + present.size(), 0, pending, present, List.of()), lease());
        ledger.markRunning(executionId, lease());
        return executionId;
    }

    private List<QueueMessage> messages(String executionId, List<Disclosure> ds, int failing) {
        List<QueueMessage> out = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            Disclosure d = ds.get(i);
            PersistMessage m = i < failing ? PersistMessage.failed(executionId, d, "http 404")
                    : PersistMessage.stored(executionId, d, new StoredPdf(d.pdfS3Key(), "aa" + i, 10));
            out.add(new QueueMessage("m-" + executionId + "-" + i, "r-" + i, codec.encode(m), 1, Map.of()));
        }
        return out;
    }

    private static void assertMetricsEqualLedger(InMemoryMetrics metrics, ExecutionSummary... executions) {
        long stored = 0;
        long failed = 0;
        for (ExecutionSummary s : executions) {
            stored += s.stored();
            failed += s.failed();
        }
        var snapshot = metrics.snapshot();
        assertThat(snapshot.stored()).as("Stored metric vs ledger").isEqualTo(stored);
        assertThat(snapshot.failed()).as("Failed metric vs ledger").isEqualTo(failed);
    }

    @Test
    void aBatchWhoseAnswerWasLostAfterTheCommitIsCountedOnceAsStoredNotAsDuplicates() {
        List<Disclosure> ds = List.of(disclosure(1), disclosure(2), disclosure(3), disclosure(4));
        String exec = running("m1", ds, List.of());
        AtomicInteger lost = new AtomicInteger();
        InMemoryMetrics metrics = new InMemoryMetrics();
        PersistWorker worker = worker(ledger(answerLostAfterFirstBatch(stack.dynamoDb(), lost)), metrics);
        List<QueueMessage> batch = messages(exec, ds, 1);

        assertThat(worker.handle(batch).retry()).isEmpty();
        assertThat(lost).as("the fault fired").hasValueGreaterThanOrEqualTo(1);

        ExecutionSummary s = ledger.summary(exec).orElseThrow();
        assertThat(s).extracting(ExecutionSummary::stored, ExecutionSummary::failed).containsExactly(3L, 1L);
        assertThat(s.status()).as("settled despite the lost answer").isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);
        assertMetricsEqualLedger(metrics, s);

        // the same batch delivered again is a real duplicate: nothing more is counted
        assertThat(worker.handle(batch).retry()).isEmpty();
        assertMetricsEqualLedger(metrics, ledger.summary(exec).orElseThrow());
    }

    @Test
    void theFallbackPathSplitsStoredAndAlreadyPresentLikeTheLedger() {
        // a re-run: the first execution stored two, the second lists them again plus two new ones
        List<Disclosure> first = List.of(disclosure(11), disclosure(12));
        String e1 = running("m2", first, List.of());
        InMemoryMetrics metrics = new InMemoryMetrics();
        PersistWorker worker = worker(ledger, metrics);
        worker.handle(messages(e1, first, 0));

        List<Disclosure> second = List.of(disclosure(13), disclosure(14));
        String e2 = running("m3", second, List.of(first.get(0).disclosureId(), first.get(1).disclosureId()));
        // one message of the batch is a redelivery (duplicate id): the batch is refused, one by one instead
        List<QueueMessage> batch = new ArrayList<>(messages(e2, second, 0));
        batch.add(batch.get(0));
        assertThat(worker.handle(batch).retry()).isEmpty();

        ExecutionSummary s1 = ledger.summary(e1).orElseThrow();
        ExecutionSummary s2 = ledger.summary(e2).orElseThrow();
        assertThat(s2).extracting(ExecutionSummary::stored, ExecutionSummary::alreadyPresent).containsExactly(2L, 2L);
        assertThat(s2.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertMetricsEqualLedger(metrics, s1, s2);
    }
}
