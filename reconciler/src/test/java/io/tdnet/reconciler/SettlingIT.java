package io.tdnet.reconciler;

import static io.tdnet.reconciler.SettlingRig.DATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.dlq.DeadLetterQueues;
import io.tdnet.dlq.QueueKind;
import io.tdnet.dlq.RedriveRequest;
import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.ledger.LeaseLostException;
import io.tdnet.ledger.ListingLease;
import io.tdnet.ledger.ListingLeases;
import io.tdnet.ledger.ListingPlan;
import io.tdnet.lister.ListingResult;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.Outcome;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.Fault;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Issue 16's acceptance on the embedded stack with the real lister, workers and reconciler: every
 * execution settles, no date is blocked, two listers never plan at once, and the counters stay exact
 * (listed = stored + already_present + in_flight + failed, nothing stored twice) after each.
 */
@ExtendWith(EmbeddedAwsExtension.class)
class SettlingIT {
    private final EmbeddedAwsStack stack;
    private FakeTdnet tdnet;
    private SettlingRig rig;

    SettlingIT(EmbeddedAwsStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void setUp() {
        stack.reset();
        tdnet = FakeTdnet.start();
        rig = new SettlingRig(stack, tdnet);
    }

    @AfterEach
    void tearDown() {
        tdnet.close();
    }

    /** Acceptance 1 (and 6). */
    @Test
    void aPdfFailingForHoursDoesNotStopLaterRunsFromStoringWhatWasPublishedMeanwhile() throws Exception {
        var day = tdnet.addDay(DATE, 5, 16);
        DisclosureId failing = day.ids().get(0);
        tdnet.fault(failing, new Fault.Status(503, Fault.FOREVER));
        ListingResult first = rig.lister("schedule").list(DATE);
        rig.drain();
        assertThat(rig.summary(first.summary().executionId()).status()).isEqualTo(ExecutionStatus.RUNNING);
        var attempt = rig.queries.pendingOutcomes(first.summary().executionId());
        assertThat(attempt).singleElement().satisfies(p -> {
            assertThat(p.disclosureId()).isEqualTo(failing);
            assertThat(p.attempts()).isEqualTo(1);
            assertThat(p.lastAttemptAt()).isNotNull();
        });

        var published = day.addDisclosures(3);
        ListingResult second = rig.lister("schedule").list(DATE);
        rig.drain();

        ExecutionSummary later = rig.summary(second.summary().executionId());
        assertThat(later.executionId()).isNotEqualTo(first.summary().executionId());
        assertThat(second.enqueued()).isEqualTo(3);
        assertThat(later.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(later.listed()).isEqualTo(8);
        assertThat(later.stored()).isEqualTo(3);
        assertThat(later.alreadyPresent()).isEqualTo(4);
        assertThat(later.inFlight()).isEqualTo(1);
        assertThat(rig.outcome(later.executionId(), failing).outcome()).isEqualTo(Outcome.IN_FLIGHT);
        published.forEach(row -> assertThat(rig.archive.get(row.id())).isPresent());
        // the failing PDF is still in flight under the first execution, whose message is alive: nothing to reconcile
        assertThat(rig.reconciler.reconcile(DATE, false).gone()).isEmpty();
        assertThat(rig.summary(first.summary().executionId()).status()).isEqualTo(ExecutionStatus.RUNNING);
        rig.assertExact(first.summary().executionId());
        rig.assertExact(later.executionId());
    }

    /** Acceptance 2 (and 6). */
    @Test
    void aMessageDeadLetteredByReceiveCountSettlesAsDeadLetteredAndARedriveStoresIt() throws Exception {
        var day = tdnet.addDay(DATE, 3, 26);
        DisclosureId victim = day.ids().get(1);
        String execution = rig.lister("schedule").list(DATE).summary().executionId();
        rig.drain(m -> m.disclosure().disclosureId().equals(victim), rig.persistWorker);
        assertThat(rig.depth(stack.resources().downloadDlqUrl())).isEqualTo(1);
        assertThat(rig.summary(execution).status()).isEqualTo(ExecutionStatus.RUNNING);

        ReconcileReport dry = rig.reconciler.reconcileAll(true);
        assertThat(dry.gone()).containsExactly(new ReconcileReport.Gone(execution, victim, GoneReason.DEAD_LETTERED));
        assertThat(rig.summary(execution).status()).isEqualTo(ExecutionStatus.RUNNING);

        ReconcileReport report = rig.reconciler.reconcileAll(false);
        assertThat(report.gone()).containsExactly(new ReconcileReport.Gone(execution, victim, GoneReason.DEAD_LETTERED));
        ExecutionSummary settled = rig.summary(execution);
        assertThat(settled.status()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);
        assertThat(settled.failed()).isEqualTo(1);
        assertThat(settled.stored()).isEqualTo(2);
        assertThat(rig.outcome(execution, victim).reason()).isEqualTo("dead-lettered");
        assertThat(rig.depth(stack.resources().downloadDlqUrl())).as("the DLQ copy stays").isEqualTo(1);
        assertThat(rig.reconciler.reconcileAll(false).gone()).as("a second run changes nothing").isEmpty();
        assertThat(rig.summary(execution)).isEqualTo(settled);
        rig.assertExact(execution);

        new DeadLetterQueues(stack.sqs(), stack.resources()).redrive(RedriveRequest.everything(QueueKind.DOWNLOAD));
        rig.drain();
        ExecutionSummary recovered = rig.summary(execution);
        assertThat(recovered.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(recovered.stored()).isEqualTo(3);
        assertThat(recovered.failed()).isZero();
        assertThat(rig.outcome(execution, victim).outcome()).isEqualTo(Outcome.STORED);
        rig.assertExact(execution);
    }

    /** Acceptance 3 (and 6). */
    @Test
    void purgingADeadLetteredMessageRecordsItPurgedAndTheExecutionSettles() throws Exception {
        var day = tdnet.addDay(DATE, 2, 36);
        DisclosureId victim = day.ids().get(0);
        String execution = rig.lister("schedule").list(DATE).summary().executionId();
        rig.drain(m -> m.disclosure().disclosureId().equals(victim), rig.persistWorker);

        long purged = new DeadLetterQueues(stack.sqs(), stack.resources()).purge(QueueKind.DOWNLOAD, new PurgedOutcomes(rig.ledger));

        assertThat(purged).isEqualTo(1);
        ExecutionSummary settled = rig.summary(execution);
        assertThat(settled.status()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);
        assertThat(rig.outcome(execution, victim).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(rig.outcome(execution, victim).reason()).isEqualTo("purged");
        assertThat(rig.depth(stack.resources().downloadDlqUrl())).isZero();
        rig.assertExact(execution);
    }

    /** Acceptance 4 (and 6). */
    @Test
    void aPersisterKilledBetweenItsOutcomeTransactionAndTheSettleIsSettledByTheReconciler() throws Exception {
        tdnet.addDay(DATE, 2, 46);
        String execution = rig.lister("schedule").list(DATE).summary().executionId();
        var dying = rig.persister(rig.ledger(diesAtTheSettle(stack.dynamoDb())));

        rig.drain(m -> false, dying);
        ExecutionSummary stuck = rig.summary(execution);
        assertThat(stuck.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(stuck.allAccountedFor()).isTrue();

        rig.reconciler.reconcile(DATE, false);
        assertThat(rig.summary(execution).status()).isEqualTo(ExecutionStatus.COMPLETED);
        rig.drain(); // the killed batch is delivered again: duplicates, counted nowhere
        assertThat(rig.summary(execution).stored()).isEqualTo(2);
        rig.assertExact(execution);
    }

    /** Without the reconciler, the redelivery after the kill settles too: the duplicate path settles now. */
    @Test
    void theRedeliveryAfterAKilledSettleSettlesOnTheDuplicatePath() throws Exception {
        tdnet.addDay(DATE, 2, 56);
        String execution = rig.lister("schedule").list(DATE).summary().executionId();
        rig.drain(m -> false, rig.persister(rig.ledger(diesAtTheSettle(stack.dynamoDb()))));
        assertThat(rig.summary(execution).status()).isEqualTo(ExecutionStatus.RUNNING);

        rig.drain();

        assertThat(rig.summary(execution).status()).isEqualTo(ExecutionStatus.COMPLETED);
        rig.assertExact(execution);
    }

    /** Acceptance 5 (and 6). */
    @Test
    void twoListersStartedAtTheSameMomentPlanOneAtATimeAndNeverTheSameExecution() throws Exception {
        tdnet.addDay(DATE, 30, 66);
        List<String> notices = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<ListingResult> a = () -> {
                start.await();
                return rig.lister("lister-a").list(DATE, notices::add);
            };
            Callable<ListingResult> b = () -> {
                start.await();
                return rig.lister("lister-b").list(DATE, notices::add);
            };
            Future<ListingResult> fa = pool.submit(a);
            Future<ListingResult> fb = pool.submit(b);
            start.countDown();
            ListingResult ra = fa.get();
            ListingResult rb = fb.get();

            ListingResult firstPlan = ra.enqueued() > 0 ? ra : rb;
            ListingResult waited = firstPlan == ra ? rb : ra;
            assertThat(firstPlan.enqueued()).isEqualTo(30);
            assertThat(waited.enqueued()).isZero();
            assertThat(waited.summary().executionId()).isNotEqualTo(firstPlan.summary().executionId());
            assertThat(waited.summary().inFlight()).isEqualTo(30);
            assertThat(waited.summary().status()).isEqualTo(ExecutionStatus.COMPLETED);
            String winner = firstPlan == ra ? "lister-a" : "lister-b";
            assertThat(notices).singleElement().asString().contains("being listed by " + winner);
            assertThat(rig.depth(stack.resources().downloadQueueUrl())).as("nothing enqueued twice").isEqualTo(30);
            assertThat(rig.queries.pendingOutcomes(firstPlan.summary().executionId())).hasSize(30);

            rig.drain();
            assertThat(rig.summary(firstPlan.summary().executionId()).status()).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(rig.summary(firstPlan.summary().executionId()).stored()).isEqualTo(30);
            rig.assertExact(firstPlan.summary().executionId());
            rig.assertExact(waited.summary().executionId());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Pipelining: a lister killed between two chunks (the second chunk's rows recorded, none of its
     * messages sent) while the first chunk is already stored is continued by its restart: nothing is
     * lost, nothing counted twice, and the counters equal the rows at the kill and after.
     */
    @Test
    void aListerKilledBetweenChunksIsContinuedWithoutLossOrDoubleCount() throws Exception {
        int disclosures = tdnet.addDay(DATE, 250, 67).ids().size();
        int[] batches = {0};
        SqsClient real = stack.sqs();
        SqsClient diesAtTheSecondChunk = (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(),
                new Class<?>[] {SqsClient.class}, (proxy, method, args) -> {
                    // the first chunk is one message batch: the second batch opens the second chunk
                    if (method.getName().equals("sendMessageBatch") && ++batches[0] == 2) throw new KilledError();
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        assertThatThrownBy(() -> rig.lister("lister-a", diesAtTheSecondChunk).list(DATE)).isInstanceOf(KilledError.class);
        String execution = rig.ledger.executionsOf(DATE).findFirst().orElseThrow().executionId();
        rig.drain();
        ExecutionSummary killed = rig.summary(execution);
        assertThat(killed.status()).isEqualTo(ExecutionStatus.LISTING);
        assertThat(killed.bannerTotal()).as("not accepted yet").isNull();
        assertThat(killed.stored()).as("downloads started on the first chunk").isEqualTo(10);
        assertThat(killed.listed()).isEqualTo(10 + 98);
        rig.assertExact(execution);

        ListingResult resumed = rig.lister("lister-a").list(DATE);
        assertThat(resumed.summary().executionId()).isEqualTo(execution);
        assertThat(resumed.enqueued()).as("the second chunk again, then the rest").isEqualTo(disclosures - 10);
        rig.drain();
        ExecutionSummary done = rig.summary(execution);
        assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(done.stored()).isEqualTo(disclosures);
        assertThat(done.listed()).isEqualTo(disclosures);
        rig.assertExact(execution);
    }

    /** The fence: a lister whose lease expired and was taken can write nothing more. */
    @Test
    void planWritesUnderALeaseThatWasTakenOverAreRefused() {
        var r = stack.resources();
        Instant t0 = Instant.parse("2026-02-13T06:00:00Z");
        ListingLeases early = new ListingLeases(stack.dynamoDb(), r.executionsTable(), Clock.fixed(t0, ZoneOffset.UTC),
                ListingLeases.DEFAULT_DURATION);
        ListingLeases later = new ListingLeases(stack.dynamoDb(), r.executionsTable(),
                Clock.fixed(t0.plus(Duration.ofMinutes(2)), ZoneOffset.UTC), ListingLeases.DEFAULT_DURATION);
        ListingLease paused = early.tryAcquire(DATE, "paused").orElseThrow();
        rig.ledger.begin("e-paused", DATE, paused);
        assertThat(early.tryAcquire(DATE, "other")).as("held and not expired").isEmpty();
        ListingLease taken = later.tryAcquire(DATE, "other").orElseThrow();
        assertThat(taken.token()).isGreaterThan(paused.token());

        ListingPlan plan = new ListingPlan(0, 0, List.of(), List.of(), List.of());
        assertThatThrownBy(() -> rig.ledger.acceptListing("e-paused", plan, paused)).isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("taken by another lister");
        assertThatThrownBy(() -> rig.ledger.begin("e-new", DATE, paused)).isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> early.renew(paused)).isInstanceOf(LeaseLostException.class);
        assertThat(rig.summary("e-paused").bannerTotal()).as("the refused plan wrote nothing").isNull();
        assertThat(later.holder(DATE)).hasValueSatisfying(h -> assertThat(h.holder()).isEqualTo("other"));
    }

    /** A DynamoDB client whose process dies (an Error) when it is about to settle an execution. */
    private static DynamoDbClient diesAtTheSettle(DynamoDbClient real) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("updateItem")) {
                        UpdateItemRequest request = args[0] instanceof UpdateItemRequest u ? u
                                : UpdateItemRequest.builder().applyMutation(castConsumer(args[0])).build();
                        if (request.updateExpression().contains("#finished")) throw new KilledError();
                        return real.updateItem(request);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static Consumer<UpdateItemRequest.Builder> castConsumer(Object o) {
        return (Consumer<UpdateItemRequest.Builder>) o;
    }

    /** kill -9, as far as the worker can tell. */
    private static final class KilledError extends Error {
        KilledError() {
            super("killed (a process dying at this call)");
        }
    }
}
