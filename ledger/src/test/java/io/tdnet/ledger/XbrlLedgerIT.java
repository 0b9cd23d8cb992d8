package io.tdnet.ledger;

import static io.tdnet.ledger.LedgerFixtures.DATE;
import static io.tdnet.ledger.LedgerFixtures.disclosure;
import static io.tdnet.ledger.LedgerFixtures.pdf;
import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.Disclosure;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.Outcome;
import io.tdnet.model.OutcomeRow;
import io.tdnet.model.StoredXbrl;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The XBRL outcomes in the ledger: counted with the PDF's, exactly once, healed by a redrive, never creating an item. */
@ExtendWith(EmbeddedAwsExtension.class)
class XbrlLedgerIT {
    private final EmbeddedAwsStack stack;
    private ExecutionLedger ledger;
    private ExecutionQueries queries;
    private DisclosureArchive archive;
    private ListingLeases leases;

    XbrlLedgerIT(EmbeddedAwsStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void setUp() {
        stack.reset();
        var r = stack.resources();
        ledger = new ExecutionLedger(stack.dynamoDb(), r.executionsTable(), r.disclosuresTable(), Clock.systemUTC());
        queries = new ExecutionQueries(stack.dynamoDb(), r.executionsTable());
        archive = new DisclosureArchive(stack.dynamoDb(), r.disclosuresTable(), Clock.systemUTC());
        leases = new ListingLeases(stack.dynamoDb(), r.executionsTable(), Clock.systemUTC(), ListingLeases.DEFAULT_DURATION);
    }

    private String running(String executionId, List<Disclosure> pending) {
        ListingLease lease = leases.tryAcquire(DATE, "xbrl-test").orElseThrow();
        ledger.begin(executionId, DATE, lease);
        ledger.acceptListing(executionId, new ListingPlan(pending.size(), 0, pending, List.of(), List.of()), lease);
        ledger.markRunning(executionId, lease);
        return executionId;
    }

    private static StoredXbrl xbrl(Disclosure d) {
        return new StoredXbrl(d.xbrlS3Key(), "xsha-" + d.disclosureId().value(), 4096);
    }

    private ExecutionSummary summary(String executionId) {
        return queries.summary(executionId).orElseThrow();
    }

    @Test
    void aStoredXbrlIsCountedOnceHoweverOftenItsMessageArrives() throws Exception {
        List<Disclosure> ds = List.of(disclosure(1), disclosure(2), disclosure(3));
        String e = running("e-x1", ds);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Transition>> all = new ArrayList<>();
            for (int copy = 0; copy < 3; copy++) {
                for (Disclosure d : ds) all.add(pool.submit(() -> ledger.recordStored(e, d, pdf(d), xbrl(d), null)));
            }
            for (Future<Transition> f : all) f.get();
        } finally {
            pool.shutdownNow();
        }
        ExecutionSummary s = summary(e);
        assertThat(s.stored()).isEqualTo(3);
        assertThat(s.xbrl()).isEqualTo(new ExecutionSummary.XbrlCounts(3, 0, 0));
        assertThat(s.status()).isEqualTo(ExecutionStatus.COMPLETED);
        for (Disclosure d : ds) assertThat(archive.get(d.disclosureId()).orElseThrow().xbrl()).isEqualTo(xbrl(d));
    }

    @Test
    void aFailedXbrlKeepsThePdfStoredSettlesWithFailuresAndARedriveHealsIt() {
        Disclosure ok = disclosure(11);
        Disclosure bad = disclosure(12);
        String e = running("e-x2", List.of(ok, bad));
        ledger.recordStored(e, ok, pdf(ok), xbrl(ok), null);
        ledger.recordStored(e, bad, pdf(bad), null, "xbrl: truncated zip (no end-of-central-directory record)");
        // a duplicate of the failure changes nothing
        assertThat(ledger.recordStored(e, bad, pdf(bad), null, "xbrl: truncated zip")).isEqualTo(Transition.DUPLICATE);

        ExecutionSummary failed = summary(e);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);
        assertThat(failed.stored()).isEqualTo(2);
        assertThat(failed.failed()).isZero();
        assertThat(failed.xbrl()).isEqualTo(new ExecutionSummary.XbrlCounts(1, 0, 1));
        List<OutcomeRow> failures = queries.failures(e);
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.disclosureId()).isEqualTo(bad.disclosureId());
            assertThat(f.outcome()).isEqualTo(Outcome.STORED);
            assertThat(f.reason()).isEqualTo("xbrl: truncated zip (no end-of-central-directory record)");
        });
        assertThat(archive.get(bad.disclosureId()).orElseThrow().xbrl()).isNull();

        // the redriven message: PDF found in S3, XBRL stored now; twice, counted once
        assertThat(ledger.recordStored(e, bad, pdf(bad), xbrl(bad), null)).isEqualTo(Transition.DUPLICATE);
        assertThat(ledger.recordStored(e, bad, pdf(bad), xbrl(bad), null)).isEqualTo(Transition.DUPLICATE);
        ExecutionSummary healed = summary(e);
        assertThat(healed.xbrl()).isEqualTo(new ExecutionSummary.XbrlCounts(2, 0, 0));
        assertThat(healed.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(queries.failures(e)).isEmpty();
        assertThat(archive.get(bad.disclosureId()).orElseThrow().xbrl()).isEqualTo(xbrl(bad));
    }

    @Test
    void aDisclosureStoredEarlierGetsItsXbrlOnTheExistingItemAndASecondTimeItIsAlreadyPresent() {
        Disclosure d = disclosure(21);
        String first = running("e-x3a", List.of(d));
        ledger.recordStored(first, d, pdf(d));
        assertThat(archive.storedOn(d.disclosedDate()).stored()).containsExactly(d.disclosureId());
        assertThat(archive.storedOn(d.disclosedDate()).withoutXbrl()).containsExactly(d.disclosureId());

        String second = running("e-x3b", List.of(d)); // the re-run with XBRL plans it PENDING
        assertThat(ledger.recordStored(second, d, pdf(d), xbrl(d), null)).isEqualTo(Transition.ALREADY_PRESENT);
        assertThat(summary(second).alreadyPresent()).isEqualTo(1);
        assertThat(summary(second).xbrl()).isEqualTo(new ExecutionSummary.XbrlCounts(1, 0, 0));
        assertThat(archive.get(d.disclosureId()).orElseThrow().xbrl()).isEqualTo(xbrl(d));
        assertThat(archive.storedOn(d.disclosedDate()).stored()).containsExactly(d.disclosureId());
        assertThat(archive.storedOn(d.disclosedDate()).withoutXbrl()).isEmpty();

        String third = running("e-x3c", List.of(d));
        StoredXbrl other = new StoredXbrl(d.xbrlS3Key(), "another-sha", 1);
        assertThat(ledger.recordStored(third, d, pdf(d), other, null)).isEqualTo(Transition.ALREADY_PRESENT);
        assertThat(summary(third).xbrl()).isEqualTo(new ExecutionSummary.XbrlCounts(0, 1, 0));
        assertThat(archive.get(d.disclosureId()).orElseThrow().xbrl()).as("a stored XBRL is never replaced").isEqualTo(xbrl(d));
    }

    @Test
    void aFailedPdfCountsNoXbrl_andItsRecoveryCountsBoth() {
        Disclosure d = disclosure(31);
        String e = running("e-x4", List.of(d));
        ledger.recordFailed(e, d.disclosureId(), "http 404");
        assertThat(summary(e).xbrl().total()).isZero();
        assertThat(ledger.recordStored(e, d, pdf(d), xbrl(d), null)).isEqualTo(Transition.STORED);
        ExecutionSummary s = summary(e);
        assertThat(s.failed()).isZero();
        assertThat(s.stored()).isEqualTo(1);
        assertThat(s.xbrl()).isEqualTo(new ExecutionSummary.XbrlCounts(1, 0, 0));
        assertThat(s.status()).isEqualTo(ExecutionStatus.COMPLETED);
    }
}
