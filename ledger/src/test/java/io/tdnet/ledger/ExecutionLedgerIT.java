package io.tdnet.ledger;

import static io.tdnet.ledger.LedgerFixtures.DATE;
import static io.tdnet.ledger.LedgerFixtures.disclosure;
import static io.tdnet.ledger.LedgerFixtures.disclosures;
import static io.tdnet.ledger.LedgerFixtures.pdf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.Outcome;
import io.tdnet.model.OutcomeRow;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ledger against DynamoDB Local: exact counters whatever is delivered twice or raced. */
@ExtendWith(EmbeddedAwsExtension.class)
class ExecutionLedgerIT {
    private final EmbeddedAwsStack stack;
    private ExecutionLedger ledger;
    private ExecutionQueries queries;
    private DisclosureArchive archive;
    private ExecutorService pool;
    private ListingLeases leases;

    ExecutionLedgerIT(EmbeddedAwsStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void setUp() {
        stack.reset();
        var r = stack.resources();
        ledger = new ExecutionLedger(stack.dynamoDb(), r.executionsTable(), r.disclosuresTable(), Clock.systemUTC());
        queries = new ExecutionQueries(stack.dynamoDb(), r.executionsTable());
        archive = new DisclosureArchive(stack.dynamoDb(), r.disclosuresTable(), Clock.systemUTC());
        pool = Executors.newFixedThreadPool(8);
        leases = new ListingLeases(stack.dynamoDb(), r.executionsTable(), Clock.systemUTC(), ListingLeases.DEFAULT_DURATION);
    }

    /** The date's lease for this test's lister (taken again: the same holder gets it back at once). */
    private ListingLease lease(java.time.LocalDate date) {
        return leases.tryAcquire(date, "ledger-test").orElseThrow();
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private String running(String executionId, List<Disclosure> pending, List<DisclosureId> present, List<RejectedRow> rejected) {
        ledger.begin(executionId, DATE, lease(DATE));
        ledger.acceptListing(executionId, new ListingPlan(pending.size() + present.size() + rejected.size() + 1, 1,
                pending, present, rejected), lease(DATE));
        ledger.markRunning(executionId, lease(DATE));
        return executionId;
    }

    @Test
    void sameMessageTwentyTimesFromEightThreadsCountsOnce() throws Exception {
        List<Disclosure> ds = disclosures(3);
        String exec = running("e1", ds, List.of(), List.of());
        Disclosure d = ds.get(0);
        List<Callable<Transition>> deliveries = Collections.nCopies(20, () -> ledger.recordStored(exec, d, pdf(d)));
        List<Transition> results = new ArrayList<>();
        for (Future<Transition> f : pool.invokeAll(deliveries)) results.add(f.get());

        assertThat(results).containsOnlyOnce(Transition.STORED);
        assertThat(results.stream().filter(t -> t == Transition.DUPLICATE)).hasSize(19);
        ExecutionSummary s = ledger.summary(exec).orElseThrow();
        assertThat(s.stored()).isEqualTo(1);
        assertThat(s.alreadyPresent() + s.failed()).isZero();
        assertThat(queries.outcomes(exec).filter(r -> d.disclosureId().equals(r.disclosureId())).toList())
                .singleElement().extracting(OutcomeRow::outcome).isEqualTo(Outcome.STORED);
        assertThat(archive.byDate(DATE).toList()).hasSize(1);
        assertThat(s.status()).isEqualTo(ExecutionStatus.RUNNING);
    }

    @Test
    void theOneWriterThatSettlesTellsItsListenerOnceHoweverManyRace() throws Exception {
        var r = stack.resources();
        List<ExecutionStatus> told = Collections.synchronizedList(new ArrayList<>());
        ExecutionLedger listening = new ExecutionLedger(stack.dynamoDb(), r.executionsTable(), r.disclosuresTable(),
                Clock.systemUTC(), (status, duration) -> {
                    assertThat(duration).isPositive();
                    told.add(status);
                });
        List<Disclosure> ds = disclosures(12);
        String exec = running("s1", ds, List.of(), List.of());
        List<Callable<Transition>> outcomes = new ArrayList<>();
        for (Disclosure d : ds) {
            outcomes.add(() -> listening.recordStored(exec, d, pdf(d)));
            outcomes.add(() -> listening.recordStored(exec, d, pdf(d))); // a duplicate delivery of each
        }
        for (Future<Transition> f : pool.invokeAll(outcomes)) f.get();
        listening.settleIfDone(exec); // a late settle attempt finds it settled and tells nothing
        ExecutionStatus settled = ledger.summary(exec).orElseThrow().status();
        assertThat(settled).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(told).containsExactly(ExecutionStatus.COMPLETED);
    }

    @Test
    void queriesReadWhatTheTransitionsWrote() {
        List<Disclosure> ds = disclosures(2);
        String older = running("q1", ds, List.of(), List.of());
        ledger.recordStored(older, ds.get(0), pdf(ds.get(0)));
        ledger.begin("q2", DATE.plusDays(1), lease(DATE.plusDays(1)));

        assertThat(queries.pending(older)).extracting(Disclosure::disclosureId).containsExactly(ds.get(1).disclosureId());
        assertThat(queries.latestFor(DATE)).map(ExecutionSummary::executionId).contains(older);
        assertThat(queries.latestFor(DATE.minusDays(1))).isEmpty();
        assertThat(queries.recent(10)).extracting(ExecutionSummary::executionId).containsExactly("q2", older);
        assertThat(queries.recent(1)).extracting(ExecutionSummary::executionId).containsExactly("q2");
        assertThat(queries.summary("no-such-execution")).isEmpty();
        assertThat(ledger.summary(older)).isEqualTo(queries.summary(older));
    }

    @Test
    void identicalRejectedRowsEachHaveTheirOwnReasonRowAndAReplanKeepsThem() {
        RejectedRow row = new RejectedRow("15:00", "13010", "極洋", "=HYPERLINK(\"x\")", "javascript:alert(1)", "not a document link");
        List<RejectedRow> rows = List.of(row, row, row.withReason("no link"));
        String exec = "r1";
        ledger.begin(exec, DATE, lease(DATE));
        ListingPlan plan = new ListingPlan(4, 1, List.of(), List.of(), rows);
        ledger.acceptListing(exec, plan, lease(DATE));
        // the same pages read again (a resumed listing) give the same keys: nothing is added or removed
        ledger.acceptListing(exec, new ListingPlan(4, 1, List.of(), List.of(), rows), lease(DATE));
        ledger.markRunning(exec, lease(DATE));

        ExecutionSummary s = ledger.summary(exec).orElseThrow();
        assertThat(s.failed()).isEqualTo(3);
        assertThat(queries.failures(exec)).hasSize((int) s.failed())
                .allSatisfy(r -> assertThat(r.href()).isEqualTo("javascript:alert(1)"));
        assertThat(s.status()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);
    }

    @Test
    void settlesExactlyOnceAndTellsFailuresApart() {
        List<Disclosure> ds = disclosures(4);
        String exec = running("e2", ds, List.of(), List.of(new RejectedRow("15:00", "13010", "極洋", "x", "javascript:alert(1)", "not a document link")));
        ledger.recordStored(exec, ds.get(0), pdf(ds.get(0)));
        ledger.recordStored(exec, ds.get(1), pdf(ds.get(1)));
        ledger.recordFailed(exec, ds.get(2).disclosureId(), "http 404");
        assertThat(ledger.summary(exec).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        ledger.recordStored(exec, ds.get(3), pdf(ds.get(3)));

        ExecutionSummary s = ledger.summary(exec).orElseThrow();
        assertThat(s.status()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);
        assertThat(s).extracting(ExecutionSummary::listed, ExecutionSummary::stored, ExecutionSummary::failed)
                .containsExactly(5L, 3L, 2L);
        assertThat(s.finishedAt()).isNotNull();
        assertThat(queries.failures(exec)).extracting(OutcomeRow::reason).containsExactlyInAnyOrder("http 404", "not a document link");
        assertThat(queries.failures(exec)).anySatisfy(r -> assertThat(r.href()).isEqualTo("javascript:alert(1)"));

        // a redrive that succeeds moves exactly one count from failed to stored; a second delivery changes nothing
        assertThat(ledger.recordStored(exec, ds.get(2), pdf(ds.get(2)))).isEqualTo(Transition.STORED);
        assertThat(ledger.recordStored(exec, ds.get(2), pdf(ds.get(2)))).isEqualTo(Transition.DUPLICATE);
        assertThat(ledger.recordFailed(exec, ds.get(2).disclosureId(), "late 404")).isEqualTo(Transition.DUPLICATE);
        s = ledger.summary(exec).orElseThrow();
        assertThat(s).extracting(ExecutionSummary::stored, ExecutionSummary::failed).containsExactly(4L, 1L);
        assertThat(s.status()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES); // the rejected row stays failed
    }

    @Test
    void aBatchOfFirstDeliveriesIsOneTransactionAndAnythingUnusualChangesNothing() {
        List<Disclosure> ds = disclosures(12);
        String exec = running("e-batch", ds, List.of(), List.of());
        List<ExecutionLedger.OutcomeUpdate> first = new ArrayList<>();
        for (Disclosure d : ds.subList(0, 9)) first.add(new ExecutionLedger.OutcomeUpdate(d, pdf(d), null));
        first.add(new ExecutionLedger.OutcomeUpdate(ds.get(9), null, "http 404"));

        assertThat(ledger.tryRecordAllPending(exec, first)).isTrue();
        ExecutionSummary s = ledger.summary(exec).orElseThrow();
        assertThat(s).extracting(ExecutionSummary::stored, ExecutionSummary::failed).containsExactly(9L, 1L);

        // a redelivered member makes the whole batch decline, leaving every counter and row as it was
        Disclosure d10 = ds.get(10);
        List<ExecutionLedger.OutcomeUpdate> mixed = List.of(new ExecutionLedger.OutcomeUpdate(d10, pdf(d10), null),
                new ExecutionLedger.OutcomeUpdate(ds.get(0), pdf(ds.get(0)), null));
        assertThat(ledger.tryRecordAllPending(exec, mixed)).isFalse();
        assertThat(ledger.summary(exec).orElseThrow()).extracting(ExecutionSummary::stored, ExecutionSummary::failed)
                .containsExactly(9L, 1L);
        assertThat(archive.get(d10.disclosureId())).isEmpty();
        // the same id twice in one batch is declined before DynamoDB sees it
        assertThat(ledger.tryRecordAllPending(exec, List.of(new ExecutionLedger.OutcomeUpdate(d10, pdf(d10), null),
                new ExecutionLedger.OutcomeUpdate(d10, pdf(d10), null)))).isFalse();

        assertThat(ledger.tryRecordAllPending(exec, List.of(new ExecutionLedger.OutcomeUpdate(d10, pdf(d10), null),
                new ExecutionLedger.OutcomeUpdate(ds.get(11), pdf(ds.get(11)), null)))).isTrue();
        s = ledger.summary(exec).orElseThrow();
        assertThat(s.status()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);
        assertThat(s).extracting(ExecutionSummary::stored, ExecutionSummary::failed).containsExactly(11L, 1L);
    }

    @Test
    void redriveAfterAnotherExecutionStoredItMovesOnlyFailedToAlreadyPresent() {
        Disclosure d = disclosure(7);
        String first = running("e-first", List.of(d), List.of(), List.of());
        ledger.recordFailed(first, d.disclosureId(), "http 503 after retries");
        assertThat(ledger.summary(first).orElseThrow().status()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);

        String second = running("e-second", List.of(d), List.of(), List.of());
        ledger.recordStored(second, d, pdf(d));
        ExecutionSummary secondBefore = ledger.summary(second).orElseThrow();

        assertThat(ledger.recordStored(first, d, pdf(d))).isEqualTo(Transition.ALREADY_PRESENT);
        ExecutionSummary s = ledger.summary(first).orElseThrow();
        assertThat(s).extracting(ExecutionSummary::stored, ExecutionSummary::alreadyPresent, ExecutionSummary::failed)
                .containsExactly(0L, 1L, 0L);
        assertThat(s.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(ledger.summary(second).orElseThrow()).usingRecursiveComparison().isEqualTo(secondBefore);
        assertThat(archive.get(d.disclosureId()).orElseThrow().firstExecutionId()).isEqualTo(second);
    }

    @Test
    void startedAtIsWrittenOnceAcrossEveryTransition() {
        List<Disclosure> ds = disclosures(2);
        ExecutionSummary created = ledger.begin("e3", DATE, lease(DATE));
        OffsetDateTime startedAt = created.startedAt();
        assertThat(ledger.begin("e3", DATE, lease(DATE)).startedAt()).isEqualTo(startedAt); // a resumed LISTING run
        ledger.acceptListing("e3", new ListingPlan(2, 0, ds, List.of(), List.of()), lease(DATE));
        ledger.markRunning("e3", lease(DATE));
        assertThat(ledger.summary("e3").orElseThrow().startedAt()).isEqualTo(startedAt);
        ledger.recordFailed("e3", ds.get(0).disclosureId(), "http 404");
        ledger.recordStored("e3", ds.get(1), pdf(ds.get(1)));
        ExecutionSummary settled = ledger.summary("e3").orElseThrow();
        assertThat(settled.status()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);
        assertThat(settled.startedAt()).isEqualTo(startedAt);
        ledger.recordStored("e3", ds.get(0), pdf(ds.get(0)));
        ExecutionSummary completed = ledger.summary("e3").orElseThrow();
        assertThat(completed.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(completed.startedAt()).isEqualTo(startedAt);
        assertThat(completed.updatedAt()).isAfterOrEqualTo(settled.updatedAt());
        assertThat(queries.statusHistory("e3")).extracting(io.tdnet.model.StatusChange::status).containsExactly(
                ExecutionStatus.LISTING, ExecutionStatus.RUNNING, ExecutionStatus.COMPLETED_WITH_FAILURES, ExecutionStatus.COMPLETED);
        assertThat(queries.statusHistory("e3").get(0).at()).isEqualTo(startedAt);
        assertThat(queries.statusHistory("no-such-execution")).isEmpty();

        ledger.begin("e4", DATE, lease(DATE));
        ledger.markFailed("e4", "page 3 is a maintenance page", lease(DATE));
        ExecutionSummary failed = ledger.summary("e4").orElseThrow();
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.reason()).isEqualTo("page 3 is a maintenance page");
        assertThat(failed.finishedAt()).isNotNull();
        assertThatThrownBy(() -> ledger.begin("e4", DATE, lease(DATE))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void emptyListSettlesAtOnceAndAlreadyPresentIsCountedWithoutMessages() {
        ledger.begin("e5", DATE, lease(DATE));
        ledger.acceptListing("e5", new ListingPlan(0, 0, List.of(), List.of(), List.of()), lease(DATE));
        assertThat(ledger.markRunning("e5", lease(DATE)).status()).isEqualTo(ExecutionStatus.COMPLETED);

        Disclosure d = disclosure(9);
        String a = running("e6", List.of(d), List.of(), List.of());
        ledger.recordStored(a, d, pdf(d));
        ledger.begin("e7", DATE, lease(DATE));
        ledger.acceptListing("e7", new ListingPlan(1, 0, List.of(), List.of(d.disclosureId()), List.of()), lease(DATE));
        ExecutionSummary s = ledger.markRunning("e7", lease(DATE));
        assertThat(s.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(s.alreadyPresent()).isEqualTo(1);
    }

    @Test
    void anOutcomeForAFailedExecutionIsRefusedAfterTheRetriesAndChangesNothing() {
        List<Disclosure> ds = disclosures(2);
        ledger.begin("e9", DATE, lease(DATE));
        ledger.acceptListing("e9", new ListingPlan(2, 0, ds, List.of(), List.of()), lease(DATE));
        ledger.markFailed("e9", "the run was abandoned", lease(DATE));

        // the counter update's guard (status <> FAILED) cancels every attempt: retried, then given up
        assertThatThrownBy(() -> ledger.recordStored("e9", ds.get(0), pdf(ds.get(0))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("after 8 attempts");
        assertThatThrownBy(() -> ledger.recordFailed("e9", ds.get(1).disclosureId(), "http 404"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("after 8 attempts");
        assertThat(archive.get(ds.get(0).disclosureId())).isEmpty();
        ExecutionSummary s = ledger.summary("e9").orElseThrow();
        assertThat(s.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(s.stored() + s.failed()).isZero();
        assertThat(queries.pending("e9")).hasSize(2);
    }

    @Test
    void refusesOutcomesForDisclosuresItNeverListed() {
        String exec = running("e8", List.of(disclosure(1)), List.of(), List.of());
        Disclosure stranger = disclosure(2);
        assertThatThrownBy(() -> ledger.recordStored(exec, stranger, pdf(stranger))).isInstanceOf(UnknownOutcomeException.class);
        assertThat(archive.get(stranger.disclosureId())).isEmpty();
        assertThat(ledger.summary(exec).orElseThrow().stored()).isZero();
    }

    @Test
    void replanningAnInterruptedListingIsExact() {
        List<Disclosure> ds = disclosures(5);
        ledger.begin("e9", DATE, lease(DATE));
        // the first attempt recorded a chunk of three, sent it, and died; one of them is stored meanwhile
        ledger.planChunk("e9", new PlanChunk(ds.subList(0, 3), List.of(), List.of(), List.of()), lease(DATE));
        ledger.recordStored("e9", ds.get(0), pdf(ds.get(0)));
        assertCountersEqualRows("e9");
        // the list is read again: ds[0] is archived now, ds[2] was withdrawn, ds[3..4] are new
        ListingPlan replan = new ListingPlan(5, 1, ds.subList(3, 5), List.of(ds.get(0).disclosureId()), List.of());
        assertThat(replan.chunksWithout(ledger.plannedOutcomes("e9").keySet()))
                .as("only what the first attempt did not record").singleElement()
                .satisfies(c -> assertThat(c.pending()).containsExactlyElementsOf(ds.subList(3, 5)))
                .satisfies(c -> assertThat(c.alreadyPresent()).isEmpty());
        ledger.acceptListing("e9", replan, lease(DATE));

        ExecutionSummary s = ledger.summary("e9").orElseThrow();
        assertThat(s.stored()).as("stored once, not re-planned as already present").isEqualTo(1);
        assertThat(s.alreadyPresent()).isZero();
        assertThat(s.listed()).as("a row whose message may be out stays counted").isEqualTo(5);
        assertThat(ledger.pending("e9")).extracting(Disclosure::disclosureId)
                .containsExactlyInAnyOrder(ds.get(1).disclosureId(), ds.get(2).disclosureId(), ds.get(3).disclosureId(),
                        ds.get(4).disclosureId());
        assertCountersEqualRows("e9");
    }

    @Test
    void aChunkIsCountedWithItsRowsAndRecordingItTwiceIsRefused() {
        List<Disclosure> ds = disclosures(3);
        ledger.begin("c1", DATE, lease(DATE));
        PlanChunk chunk = new PlanChunk(ds.subList(0, 2), List.of(ds.get(2).disclosureId()), List.of(),
                List.of(new RejectedRow("15:00", "13010", "極洋", "t", "javascript:x", "not a document link")));
        ledger.planChunk("c1", chunk, lease(DATE));
        ExecutionSummary s = ledger.summary("c1").orElseThrow();
        assertThat(s.listed()).isEqualTo(4);
        assertThat(s.alreadyPresent()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.bannerTotal()).as("accepted only when every chunk is recorded").isNull();

        assertThatThrownBy(() -> ledger.planChunk("c1", chunk, lease(DATE)))
                .isInstanceOf(ExecutionLedger.PlanRefusedException.class);
        assertThat(ledger.summary("c1").orElseThrow().listed()).as("not counted twice").isEqualTo(4);
        assertThat(ledger.markRunning("c1", lease(DATE)).status()).as("not RUNNING before the acceptance")
                .isEqualTo(ExecutionStatus.LISTING);
        assertCountersEqualRows("c1");
    }

    /** Each counter equals its outcome rows (what a reader sees between two chunks, too). */
    private void assertCountersEqualRows(String executionId) {
        ExecutionSummary s = ledger.summary(executionId).orElseThrow();
        Map<Outcome, Long> rows = new java.util.EnumMap<>(Outcome.class);
        queries.outcomes(executionId).forEach(o -> rows.merge(o.outcome(), 1L, Long::sum));
        assertThat(rows.getOrDefault(Outcome.STORED, 0L)).isEqualTo(s.stored());
        assertThat(rows.getOrDefault(Outcome.ALREADY_PRESENT, 0L)).isEqualTo(s.alreadyPresent());
        assertThat(rows.getOrDefault(Outcome.FAILED, 0L)).isEqualTo(s.failed());
        assertThat(rows.getOrDefault(Outcome.PENDING, 0L)).isEqualTo(s.pending());
        assertThat(rows.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(s.listed());
    }

    /**
     * A seeded, reproducible storm over a few hundred ids and three executions: duplicate deliveries,
     * failures, successes after failures and redrives, from 8 threads. Invariants 1–4 hold after it.
     */
    @Test
    void randomizedInterleavingsKeepEveryInvariant() throws Exception {
        for (long seed : new long[] {1, 2, 3}) {
            stack.reset();
            runStorm(seed);
        }
    }

    private void runStorm(long seed) throws Exception {
        Random random = new Random(seed);
        List<Disclosure> ds = disclosures(240);
        List<String> executions = List.of("s" + seed + "-a", "s" + seed + "-b", "s" + seed + "-c");
        Map<String, List<Disclosure>> listed = new HashMap<>();
        for (String exec : executions) {
            List<Disclosure> mine = ds.stream().filter(d -> random.nextInt(3) > 0).toList();
            listed.put(exec, mine);
            running(exec, mine, List.of(), List.of());
        }
        List<Callable<Transition>> ops = new ArrayList<>();
        Map<String, Set<DisclosureId>> healed = new HashMap<>();
        for (String exec : executions) {
            for (Disclosure d : listed.get(exec)) {
                boolean permanentlyBroken = random.nextInt(10) == 0;
                int deliveries = 1 + random.nextInt(3);
                for (int i = 0; i < deliveries; i++) {
                    boolean fail = permanentlyBroken || random.nextInt(5) == 0;
                    ops.add(fail ? () -> ledger.recordFailed(exec, d.disclosureId(), "http 503")
                                 : () -> ledger.recordStored(exec, d, pdf(d)));
                }
                if (!permanentlyBroken) {
                    healed.computeIfAbsent(exec, e -> new java.util.HashSet<>()).add(d.disclosureId());
                    ops.add(() -> ledger.recordStored(exec, d, pdf(d))); // a redrive after healing
                    // and a batched delivery, as the persister makes them; declined unless still pending
                    ops.add(() -> ledger.tryRecordAllPending(exec, List.of(new ExecutionLedger.OutcomeUpdate(d, pdf(d), null)))
                            ? Transition.STORED : Transition.DUPLICATE);
                }
            }
        }
        Collections.shuffle(ops, random);
        for (Future<Transition> f : pool.invokeAll(ops)) f.get();

        Set<DisclosureId> everStored = new java.util.HashSet<>();
        for (String exec : executions) {
            ExecutionSummary s = ledger.summary(exec).orElseThrow();
            Map<Outcome, Long> rows = queries.outcomes(exec).collect(Collectors.groupingBy(OutcomeRow::outcome, Collectors.counting()));
            // invariant 2: counters equal the outcome rows they count
            assertThat(s.stored()).as("stored of %s (seed %d)", exec, seed).isEqualTo(rows.getOrDefault(Outcome.STORED, 0L));
            assertThat(s.alreadyPresent()).isEqualTo(rows.getOrDefault(Outcome.ALREADY_PRESENT, 0L));
            assertThat(s.failed()).isEqualTo(rows.getOrDefault(Outcome.FAILED, 0L));
            // invariant 1: settled, and everything listed has an outcome; each failure has a reason
            assertThat(rows.getOrDefault(Outcome.PENDING, 0L)).isZero();
            assertThat(s.listed()).isEqualTo(listed.get(exec).size());
            assertThat(s.allAccountedFor()).isTrue();
            assertThat(s.status()).isEqualTo(s.failed() > 0 ? ExecutionStatus.COMPLETED_WITH_FAILURES : ExecutionStatus.COMPLETED);
            assertThat(queries.failures(exec)).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
            // healed ones are never left failed
            assertThat(queries.failures(exec)).noneMatch(r -> healed.getOrDefault(exec, Set.of()).contains(r.disclosureId()));
            queries.outcomes(exec).filter(r -> r.outcome() == Outcome.STORED).forEach(r -> everStored.add(r.disclosureId()));
        }
        // invariant 3: one item per disclosure, stored by exactly one execution
        long storedRows = executions.stream().mapToLong(e -> ledger.summary(e).orElseThrow().stored()).sum();
        assertThat(archive.byDate(DATE).count()).isEqualTo(everStored.size()).isEqualTo(storedRows);
    }
}
