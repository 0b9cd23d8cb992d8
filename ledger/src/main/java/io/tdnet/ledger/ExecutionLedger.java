package io.tdnet.ledger;

import static io.tdnet.ledger.Items.n;
import static io.tdnet.ledger.Items.s;
import static io.tdnet.ledger.TransitionItems.historyOf;
import static io.tdnet.ledger.TransitionItems.names;
import static io.tdnet.model.Attributes.*;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.IsoTime;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.Outcome;
import io.tdnet.model.StoredPdf;
import io.tdnet.model.StoredXbrl;
import io.tdnet.model.Tdnet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The transitions of executions, exact under any delivery (docs/ARCHITECTURE.md invariants 1–4). Every counter
 * moves in the same {@code TransactWriteItems} as the outcome row it counts, guarded by that row's
 * current state, so a duplicate delivery, a crash-and-retry or a redrive can never count twice:
 * <pre>
 *   PENDING → STORED | ALREADY_PRESENT | FAILED        FAILED → STORED | ALREADY_PRESENT
 * </pre>
 * The list of a date is planned chunk by chunk while the execution is LISTING, each chunk's rows with
 * the counters they add, and enqueued before the next ({@link #planChunk}); the persister moves a
 * chunk's outcomes as soon as it is sent, and only the persister moves outcomes. Settling is one conditional update on the counters
 * it read, so exactly one writer settles an execution however many race. Reads for tools are in
 * {@link ExecutionQueries}; the few a writer decides on are offered here too.
 *
 * <p>Longer than 300 lines on purpose: it is the whole state machine of an execution, and its
 * transitions guard one another (the settle condition relies on every counter ADD), so they are read
 * and changed together. The write items are built in {@link TransitionItems}.
 */
public final class ExecutionLedger {
    private static final Logger log = LoggerFactory.getLogger(ExecutionLedger.class);
    private static final Duration RETENTION = Duration.ofDays(400);
    private static final int MAX_ATTEMPTS = 8;
    private static final int TRANSACTION_LIMIT = 100;

    /**
     * Transactions cancelled by a concurrent one on the summary row, and batch items DynamoDB left
     * unprocessed: jittered exponential backoff (DynamoDB's advice). A cancellation that only showed a
     * row in another state is tried again at once ({@link Race#AT_ONCE}): nothing is contended there.
     */
    private static final RetryPolicy<Object> ON_CONFLICT = RetryPolicy.builder()
            .handle(Race.class)
            .withMaxAttempts(MAX_ATTEMPTS)
            .withBackoff(Duration.ofMillis(10), Duration.ofSeconds(1))
            .withJitter(0.5)
            // a negative delay tells Failsafe to use the backoff
            .withDelayFn(ctx -> ctx.getLastException() == Race.AT_ONCE ? Duration.ZERO : Duration.ofMillis(-1))
            .build();
    /** A settle that lost to a concurrent counter update reads the summary again, at once. */
    private static final RetryPolicy<Object> ON_CHANGED = RetryPolicy.builder()
            .handle(ConditionalCheckFailedException.class)
            .withMaxAttempts(MAX_ATTEMPTS)
            .build();

    private final DynamoDbClient dynamo;
    private final String executionsTable;
    private final String disclosuresTable;
    private final Clock clock;
    private final ExecutionQueries queries;
    private final TransitionItems items;
    private final JsonCodec codec = new JsonCodec();
    private final SettlementListener settlements;

    public ExecutionLedger(DynamoDbClient dynamo, String executionsTable, String disclosuresTable, Clock clock) {
        this(dynamo, executionsTable, disclosuresTable, clock, SettlementListener.NONE);
    }

    /** @param settlements told of each execution this ledger settles (the Lambdas' Executions metric) */
    public ExecutionLedger(DynamoDbClient dynamo, String executionsTable, String disclosuresTable, Clock clock,
                           SettlementListener settlements) {
        this.settlements = settlements;
        this.dynamo = dynamo;
        this.executionsTable = executionsTable;
        this.disclosuresTable = disclosuresTable;
        this.clock = clock;
        this.queries = new ExecutionQueries(dynamo, executionsTable);
        this.items = new TransitionItems(executionsTable);
    }

    /** Why a transition is attempted again: the stateless signal {@link #ON_CONFLICT} handles. */
    private static final class Race extends RuntimeException {
        static final Race CONTENDED = new Race("contended");
        static final Race AT_ONCE = new Race("state changed");

        private Race(String message) {
            super(message, null, false, false);
        }
    }

    // ---------------------------------------------------------------- lister side

    /**
     * Creates the execution in LISTING, or returns it unchanged when it exists and is still LISTING
     * (a resumed run). {@code started_at} is written once, whatever happens later. Fenced by the
     * date's listing lease, like every plan write.
     */
    public ExecutionSummary begin(String executionId, LocalDate targetDate, ListingLease lease) {
        OffsetDateTime now = now();
        Update create = Update.builder().tableName(executionsTable)
                .key(Items.summaryKey(executionId))
                .updateExpression("SET #target = if_not_exists(#target, :date), #started = if_not_exists(#started, :now), "
                        + "#updated = :now, #status = if_not_exists(#status, :listing), #ttl = if_not_exists(#ttl, :ttl), "
                        + "#history = if_not_exists(#history, :history), "
                        + "#listed = if_not_exists(#listed, :zero), #withdrawn = if_not_exists(#withdrawn, :zero), "
                        + "#stored = if_not_exists(#stored, :zero), #present = if_not_exists(#present, :zero), "
                        + "#inflight = if_not_exists(#inflight, :zero), #failed = if_not_exists(#failed, :zero)")
                .conditionExpression("attribute_not_exists(#id) OR (#status = :listing AND #target = :date)")
                .expressionAttributeNames(names("#id", EXECUTION_ID, "#target", TARGET_DATE, "#started", STARTED_AT,
                        "#updated", UPDATED_AT, "#status", STATUS, "#ttl", TTL, "#history", STATUS_HISTORY,
                        "#listed", LISTED, "#withdrawn", WITHDRAWN, "#stored", STORED, "#present", ALREADY_PRESENT,
                        "#inflight", IN_FLIGHT, "#failed", FAILED))
                .expressionAttributeValues(Map.of(
                        ":date", s(targetDate.toString()), ":now", s(IsoTime.format(now)),
                        ":listing", s(ExecutionStatus.LISTING.name()),
                        ":ttl", n(clock.instant().plus(RETENTION).getEpochSecond()),
                        ":history", historyOf(ExecutionStatus.LISTING, now),
                        ":zero", n(0)))
                .build();
        fenced(lease, List.of(TransactWriteItem.builder().update(create).build()),
                "execution " + executionId + " exists and is past LISTING");
        return summary(executionId).orElseThrow();
    }

    /**
     * What an interrupted plan of this execution has recorded so far: each outcome row's entry key with
     * its outcome (empty for a new execution). A resumed lister plans only the rows missing here and
     * enqueues again the ones still PENDING (their messages may not have gone out).
     */
    public Map<String, Outcome> plannedOutcomes(String executionId) {
        return queries.outcomeStates(executionId);
    }

    /**
     * Records one chunk of an accepted list while the execution is LISTING, in one transaction fenced by
     * the date's listing lease: one outcome row per row (PENDING, ALREADY_PRESENT, IN_FLIGHT for a
     * disclosure an earlier unsettled execution of the date has queued, or FAILED for a rejected row),
     * each written only if it does not exist, and the summary's counters ADDed by exactly those rows. So
     * at every instant the counters equal the rows, the persister may already move the chunk's outcomes
     * (its counter updates only need the execution not FAILED), and a chunk recorded twice is refused
     * instead of counted twice ({@link PlanRefusedException}): the caller skips what
     * {@link #plannedOutcomes} holds. Every row gets the summary's expiry.
     */
    public void planChunk(String executionId, PlanChunk chunk, ListingLease lease) {
        if (chunk.isEmpty()) return;
        OffsetDateTime now = now();
        AttributeValue ttl = n(queries.expiry(executionId).orElse(clock.instant().plus(RETENTION).getEpochSecond()));
        List<Map<String, AttributeValue>> rows = new ArrayList<>(chunk.size());
        for (Disclosure d : chunk.pending()) {
            Map<String, AttributeValue> row = items.outcomeRow(executionId, PlanChunk.entryOf(d.disclosureId()), Outcome.PENDING, null, now);
            row.put(DISCLOSURE_JSON, s(codec.encode(d)));
            rows.add(row);
        }
        for (DisclosureId id : chunk.alreadyPresent()) {
            rows.add(items.outcomeRow(executionId, PlanChunk.entryOf(id), Outcome.ALREADY_PRESENT, null, now));
        }
        for (ListingPlan.InFlight inFlight : chunk.inFlight()) {
            Map<String, AttributeValue> row = items.outcomeRow(executionId, PlanChunk.entryOf(inFlight.id()), Outcome.IN_FLIGHT, null, now);
            row.put(QUEUED_BY, s(inFlight.queuedBy()));
            rows.add(row);
        }
        for (RejectedRow rejected : chunk.rejected()) {
            Map<String, AttributeValue> row = items.outcomeRow(executionId, rejected.entryKey(), Outcome.FAILED, rejected.reason(), now);
            Items.putIfPresent(row, HREF, rejected.href());
            Items.putIfPresent(row, TITLE, rejected.title());
            Items.putIfPresent(row, COMPANY_CODE, rejected.companyCode());
            rows.add(row);
        }
        List<TransactWriteItem> writes = new ArrayList<>(rows.size() + 1);
        for (Map<String, AttributeValue> row : rows) {
            row.put(TTL, ttl);
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(executionsTable).item(row)
                    .conditionExpression("attribute_not_exists(#entry)")
                    .expressionAttributeNames(Map.of("#entry", ENTRY))).build());
        }
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(executionsTable)
                .key(Items.summaryKey(executionId))
                .updateExpression("ADD #listed :listed, #present :present, #inflight :inflight, #failed :failed SET #updated = :now")
                .conditionExpression("#status = :listing")
                .expressionAttributeNames(names("#listed", LISTED, "#present", ALREADY_PRESENT, "#inflight", IN_FLIGHT,
                        "#failed", FAILED, "#updated", UPDATED_AT, "#status", STATUS))
                .expressionAttributeValues(Map.of(":listed", n(chunk.size()), ":present", n(chunk.alreadyPresent().size()),
                        ":inflight", n(chunk.inFlight().size()), ":failed", n(chunk.rejected().size()),
                        ":now", s(IsoTime.format(now)), ":listing", s(ExecutionStatus.LISTING.name())))
                .build()).build());
        fenced(lease, writes, "a plan row of " + executionId + " exists already, or the execution is no longer LISTING");
    }

    /**
     * Marks the list of a LISTING execution as accepted once every chunk of it is recorded: the banner
     * total and the withdrawn rows. Until then {@code banner_total} is absent, which tells a resumed
     * lister to read the list again and plan what is missing.
     */
    public void acceptListing(String executionId, int bannerTotal, int withdrawn, ListingLease lease) {
        Update accepted = Update.builder().tableName(executionsTable)
                .key(Items.summaryKey(executionId))
                .updateExpression("SET #banner = :banner, #withdrawn = :withdrawn, #updated = :now")
                .conditionExpression("#status = :listing")
                .expressionAttributeNames(names("#banner", BANNER_TOTAL, "#withdrawn", WITHDRAWN, "#updated", UPDATED_AT,
                        "#status", STATUS))
                .expressionAttributeValues(Map.of(":banner", n(bannerTotal), ":withdrawn", n(withdrawn),
                        ":now", s(IsoTime.format(now())), ":listing", s(ExecutionStatus.LISTING.name())))
                .build();
        fenced(lease, List.of(TransactWriteItem.builder().update(accepted).build()),
                "execution " + executionId + " is no longer LISTING");
    }

    /**
     * Records a whole accepted list at once: every chunk of it that an earlier attempt did not record
     * ({@link #planChunk}), then the acceptance. Rows an interrupted attempt recorded keep their state
     * and count, also when the new list no longer holds them: their messages may be out.
     */
    public void acceptListing(String executionId, ListingPlan plan, ListingLease lease) {
        for (PlanChunk chunk : plan.chunksWithout(plannedOutcomes(executionId).keySet())) {
            planChunk(executionId, chunk, lease);
        }
        acceptListing(executionId, plan.bannerTotal(), plan.withdrawn(), lease);
    }

    /** LISTING → RUNNING once the messages are sent; settles at once if nothing is left to do. */
    public ExecutionSummary markRunning(String executionId, ListingLease lease) {
        OffsetDateTime now = now();
        Update running = Update.builder().tableName(executionsTable)
                .key(Items.summaryKey(executionId))
                .updateExpression("SET #status = :running, #updated = :now, #history = list_append(#history, :entry)")
                .conditionExpression("#status = :listing AND attribute_exists(#banner)")
                .expressionAttributeNames(names("#status", STATUS, "#updated", UPDATED_AT, "#history", STATUS_HISTORY,
                        "#banner", BANNER_TOTAL))
                .expressionAttributeValues(Map.of(":running", s(ExecutionStatus.RUNNING.name()),
                        ":listing", s(ExecutionStatus.LISTING.name()), ":now", s(IsoTime.format(now)),
                        ":entry", historyOf(ExecutionStatus.RUNNING, now)))
                .build();
        try {
            fenced(lease, List.of(TransactWriteItem.builder().update(running).build()), "");
        } catch (PlanRefusedException e) {
            log.debug("execution {} was already past LISTING", executionId);
        }
        return settleIfDone(executionId).orElseThrow();
    }

    /** The list could not be read completely: FAILED with the reason, settled. */
    public void markFailed(String executionId, String reason, ListingLease lease) {
        OffsetDateTime now = now();
        Update failed = Update.builder().tableName(executionsTable)
                .key(Items.summaryKey(executionId))
                .updateExpression("SET #status = :failed, #reason = :reason, #updated = :now, #finished = :now, "
                        + "#history = list_append(#history, :entry)")
                .conditionExpression("#status = :listing")
                .expressionAttributeNames(names("#status", STATUS, "#reason", REASON, "#updated", UPDATED_AT,
                        "#finished", FINISHED_AT, "#history", STATUS_HISTORY))
                .expressionAttributeValues(Map.of(":failed", s(ExecutionStatus.FAILED.name()), ":reason", s(reason),
                        ":listing", s(ExecutionStatus.LISTING.name()), ":now", s(IsoTime.format(now)),
                        ":entry", historyOf(ExecutionStatus.FAILED, now)))
                .build();
        fenced(lease, List.of(TransactWriteItem.builder().update(failed).build()),
                "execution " + executionId + " is no longer LISTING");
    }

    /** A plan write's own condition failed (the execution is not in the state the write expects). */
    public static final class PlanRefusedException extends IllegalStateException {
        PlanRefusedException(String message) {
            super(message);
        }
    }

    /**
     * Runs plan writes in one transaction with the lease's fence in front: {@link LeaseLostException}
     * when the lease moved on, {@link PlanRefusedException} when a write's own condition failed.
     */
    private void fenced(ListingLease lease, List<TransactWriteItem> writes, String refusal) {
        List<TransactWriteItem> all = new ArrayList<>(writes.size() + 1);
        all.add(ListingLeases.fence(executionsTable, lease));
        all.addAll(writes);
        try {
            Failsafe.with(ON_CONFLICT).run(() -> {
                try {
                    dynamo.transactWriteItems(b -> b.transactItems(all));
                } catch (TransactionCanceledException e) {
                    List<CancellationReason> reasons = e.cancellationReasons();
                    if (failedCondition(reasons.get(0))) {
                        throw new LeaseLostException("the listing lease of " + lease.date() + " held by " + lease.holder()
                                + " (token " + lease.token() + ") was taken by another lister; this plan write is refused");
                    }
                    if (reasons.stream().anyMatch(ExecutionLedger::failedCondition)) throw new PlanRefusedException(refusal);
                    throw Race.CONTENDED;
                }
            });
        } catch (Race e) {
            throw new IllegalStateException("plan write under lease " + lease.token() + " kept conflicting", e);
        }
    }

    // ---------------------------------------------------------------- persister side

    /**
     * Stores the disclosure (once, ever) and moves this execution's outcome to STORED — or to
     * ALREADY_PRESENT when an earlier execution stored it — with the counters, in one transaction.
     */
    public Transition recordStored(String executionId, Disclosure disclosure, StoredPdf pdf) {
        return recordStored(executionId, disclosure, pdf, null, null);
    }

    /**
     * {@link #recordStored(String, Disclosure, StoredPdf)} with the XBRL's verdict ({@code xbrl} stored, or
     * {@code xbrlReason} failed; both null when none was asked for), recorded in the same transaction:
     * the outcome row's {@code xbrl_outcome} and the summary's XBRL counter move with the PDF's. A new
     * disclosure item carries the XBRL; an existing one (stored by an earlier execution) gets it by a
     * conditional update that never creates the item and never replaces a stored XBRL (then the XBRL is
     * ALREADY_PRESENT). A delivery whose PDF outcome is final already may still heal a FAILED XBRL
     * ({@link XbrlRecovery}); that returns {@link Transition#DUPLICATE} for the PDF.
     */
    public Transition recordStored(String executionId, Disclosure disclosure, StoredPdf pdf, StoredXbrl xbrl,
                                   String xbrlReason) {
        var attempt = new Object() {
            Outcome expected = Outcome.PENDING;
            boolean store = true;
            boolean xbrlPresent = false;
        };
        boolean withXbrl = xbrl != null || xbrlReason != null;
        return retried(disclosure.disclosureId(), () -> {
            Outcome target = attempt.store ? Outcome.STORED : Outcome.ALREADY_PRESENT;
            Outcome xbrlTarget = !withXbrl ? null
                    : xbrl == null ? Outcome.FAILED
                    : attempt.xbrlPresent ? Outcome.ALREADY_PRESENT : Outcome.STORED;
            OffsetDateTime now = now();
            List<TransactWriteItem> writes = new ArrayList<>();
            if (attempt.store) {
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(disclosuresTable)
                        .item(Items.disclosureItem(disclosure, pdf, xbrl, executionId, now))
                        .conditionExpression("attribute_not_exists(#id)")
                        .expressionAttributeNames(Map.of("#id", DISCLOSURE_ID)).build()).build());
            }
            String entry = OUTCOME_PREFIX + disclosure.disclosureId().value();
            writes.add(items.outcomeUpdate(executionId, entry, attempt.expected, target, null, now, null,
                    xbrlTarget, xbrlTarget == Outcome.FAILED ? xbrlReason : null));
            writes.add(items.counterUpdate(executionId, attempt.expected, target, now, xbrlTarget));
            boolean xbrlUpdate = !attempt.store && xbrlTarget == Outcome.STORED;
            if (xbrlUpdate) writes.add(items.xbrlOnDisclosure(disclosuresTable, disclosure.disclosureId(), xbrl));
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                settleIfDone(executionId);
                return target == Outcome.STORED ? Transition.STORED : Transition.ALREADY_PRESENT;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                CancellationReason disclosureReason = attempt.store ? reasons.get(0) : null;
                CancellationReason outcomeReason = reasons.get(attempt.store ? 1 : 0);
                CancellationReason xbrlReasonOnItem = xbrlUpdate ? reasons.get(reasons.size() - 1) : null;
                if (!failedCondition(outcomeReason) && !failedCondition(disclosureReason) && !failedCondition(xbrlReasonOnItem)) {
                    log.debug("transaction for {} cancelled ({}), retrying", disclosure.disclosureId(), e.getMessage());
                    throw Race.CONTENDED;
                }
                if (failedCondition(outcomeReason)) {
                    Outcome current = currentOutcome(outcomeReason, executionId, disclosure.disclosureId());
                    if (current == Outcome.STORED || current == Outcome.ALREADY_PRESENT) {
                        if (xbrl != null) new XbrlRecovery(dynamo, items, disclosuresTable, clock)
                                .heal(executionId, disclosure.disclosureId(), xbrl);
                        // the first delivery may have died between its transaction and the settle
                        settleIfDone(executionId);
                        return Transition.DUPLICATE;
                    }
                    attempt.expected = current; // PENDING raced, or FAILED → retry as a recovery
                }
                if (failedCondition(disclosureReason)) attempt.store = false;
                if (failedCondition(xbrlReasonOnItem)) attempt.xbrlPresent = true;
                throw Race.AT_ONCE;
            }
        });
    }

    /**
     * One outcome to record: a stored PDF ({@code pdf} set) or a permanent failure ({@code failureReason} set).
     */
    public record OutcomeUpdate(Disclosure disclosure, StoredPdf pdf, String failureReason) {
        public OutcomeUpdate {
            if ((pdf == null) == (failureReason == null)) {
                throw new IllegalArgumentException("an outcome is either a stored pdf or a failure reason");
            }
        }
    }

    /**
     * The common case in one transaction: every update moves a PENDING outcome of {@code executionId}
     * (to STORED, storing a new disclosure, or to FAILED), with ONE counter update for all of them — ten
     * messages cost one transaction instead of ten, and the summary row is contended ten times less.
     * Returns false, having changed nothing, when anything is unusual (a duplicate delivery, a disclosure
     * stored earlier, a recovery from FAILED, an id twice in the batch, a conflict): the caller then
     * records each update on its own with {@link #recordStored} / {@link #recordFailed}.
     */
    public boolean tryRecordAllPending(String executionId, List<OutcomeUpdate> updates) {
        return tryRecordAllPending(executionId, updates, java.util.UUID.randomUUID().toString());
    }

    /**
     * {@link #tryRecordAllPending(String, List)} that marks every outcome it moves with {@code batchToken}:
     * when the call throws, the caller cannot tell whether the transaction committed (an error after the
     * commit, a failed settle); {@link #recordedBy} then says whether this batch moved an outcome, so a
     * later duplicate answer is not mistaken for someone else's work (the metrics count it once, here).
     */
    public boolean tryRecordAllPending(String executionId, List<OutcomeUpdate> updates, String batchToken) {
        if (updates.isEmpty()) return true;
        Set<DisclosureId> distinct = new HashSet<>();
        for (OutcomeUpdate update : updates) {
            if (!distinct.add(update.disclosure().disclosureId())) return false;
        }
        if (updates.size() * 2 + 1 > 100) return false; // TransactWriteItems' limit
        OffsetDateTime now = now();
        List<TransactWriteItem> writes = new ArrayList<>();
        long stored = 0;
        long failed = 0;
        for (OutcomeUpdate update : updates) {
            String entry = OUTCOME_PREFIX + update.disclosure().disclosureId().value();
            if (update.pdf() != null) {
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(disclosuresTable)
                        .item(Items.disclosureItem(update.disclosure(), update.pdf(), executionId, now))
                        .conditionExpression("attribute_not_exists(#id)")
                        .expressionAttributeNames(Map.of("#id", DISCLOSURE_ID)).build()).build());
                writes.add(items.outcomeUpdate(executionId, entry, Outcome.PENDING, Outcome.STORED, null, now, batchToken));
                stored++;
            } else {
                writes.add(items.outcomeUpdate(executionId, entry, Outcome.PENDING, Outcome.FAILED, update.failureReason(), now,
                        batchToken));
                failed++;
            }
        }
        writes.add(items.countersUpdate(executionId, stored, failed, now));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            return false;
        }
        settleIfDone(executionId);
        return true;
    }

    /** True when the batch with {@code batchToken} moved this outcome ({@link #tryRecordAllPending(String, List, String)}). */
    public boolean recordedBy(String executionId, DisclosureId id, String batchToken) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(executionsTable)
                .key(Items.outcomeKey(executionId, id)).consistentRead(true)).item();
        return item != null && batchToken.equals(Items.str(item, RECORDED_BY));
    }

    /** PENDING → FAILED with the reason, counted; a later success moves it on (see {@link #recordStored}). */
    public Transition recordFailed(String executionId, DisclosureId id, String reason) {
        OffsetDateTime now = now();
        return retried(id, () -> {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(
                        items.outcomeUpdate(executionId, OUTCOME_PREFIX + id.value(), Outcome.PENDING, Outcome.FAILED, reason, now),
                        items.counterUpdate(executionId, Outcome.PENDING, Outcome.FAILED, now)));
                settleIfDone(executionId);
                return Transition.FAILED;
            } catch (TransactionCanceledException e) {
                CancellationReason outcomeReason = e.cancellationReasons().get(0);
                if (!failedCondition(outcomeReason)) throw Race.CONTENDED;
                Outcome current = currentOutcome(outcomeReason, executionId, id);
                if (current != Outcome.PENDING) {
                    settleIfDone(executionId); // as in recordStored: the first delivery may not have settled
                    return Transition.DUPLICATE;
                }
                throw Race.AT_ONCE;
            }
        });
    }

    /**
     * A message whose outcome row is gone from every live queue (dead-lettered, purged, lost): PENDING →
     * FAILED with {@code reason}, counted and settled as any failure. When the outcome is FAILED already
     * (its download failed permanently) the reason is replaced, saying what became of the message.
     * Returns what it did; {@link Transition#DUPLICATE} when the outcome had moved on (stored, or the
     * same reason recorded by a concurrent reconciler).
     */
    public Transition recordGone(String executionId, DisclosureId id, String reason) {
        Transition transition = recordFailed(executionId, id, reason);
        if (transition != Transition.DUPLICATE) return transition;
        try {
            dynamo.updateItem(b -> b.tableName(executionsTable).key(Items.outcomeKey(executionId, id))
                    .updateExpression("SET #reason = :reason, #changed = :now")
                    .conditionExpression("#outcome = :failed AND (attribute_not_exists(#reason) OR #reason <> :reason)")
                    .expressionAttributeNames(names("#reason", REASON, "#changed", CHANGED_AT, "#outcome", OUTCOME))
                    .expressionAttributeValues(Map.of(":reason", s(reason), ":now", s(IsoTime.format(now())),
                            ":failed", s(Outcome.FAILED.name()))));
            return Transition.FAILED;
        } catch (ConditionalCheckFailedException e) {
            return Transition.DUPLICATE;
        }
    }

    /**
     * Settles the execution when every listed disclosure has an outcome: RUNNING →
     * COMPLETED | COMPLETED_WITH_FAILURES, and COMPLETED_WITH_FAILURES → COMPLETED after a redrive
     * recovered the last failure. Conditional on the counters it read, so one writer wins.
     */
    public Optional<ExecutionSummary> settleIfDone(String executionId) {
        try {
            return Failsafe.with(ON_CHANGED).get(() -> settleOnce(executionId));
        } catch (ConditionalCheckFailedException e) {
            log.debug("execution {} kept changing while settling; a later outcome settles it", executionId);
            return summary(executionId);
        }
    }

    private Optional<ExecutionSummary> settleOnce(String executionId) {
        Optional<ExecutionSummary> found = summary(executionId);
        if (found.isEmpty()) return found;
        ExecutionSummary current = found.get();
        boolean settleable = current.status() == ExecutionStatus.RUNNING
                || current.status() == ExecutionStatus.COMPLETED_WITH_FAILURES;
        if (!settleable || !current.allAccountedFor()) return found;
        ExecutionStatus target = current.hasFailures() ? ExecutionStatus.COMPLETED_WITH_FAILURES : ExecutionStatus.COMPLETED;
        if (target == current.status()) return found;
        OffsetDateTime now = now();
        var response = dynamo.updateItem(b -> b.tableName(executionsTable)
                .key(Items.summaryKey(executionId))
                .updateExpression("SET #status = :target, #updated = :now, #finished = :now, "
                        + "#history = list_append(#history, :entry)")
                .conditionExpression("#status = :current AND #listed = :listed AND #stored = :stored "
                        + "AND #present = :present AND #failed = :failed "
                        // the status also depends on the XBRL failures (absent: none yet)
                        + "AND (#xfailed = :xfailed OR (attribute_not_exists(#xfailed) AND :xfailed = :zero))")
                .expressionAttributeNames(names("#status", STATUS, "#updated", UPDATED_AT, "#finished", FINISHED_AT,
                        "#history", STATUS_HISTORY, "#listed", LISTED, "#stored", STORED,
                        "#present", ALREADY_PRESENT, "#failed", FAILED, "#xfailed", XBRL_FAILED))
                // in_flight is set once by the plan and never moves, so it needs no condition
                .expressionAttributeValues(Map.of(":target", s(target.name()), ":current", s(current.status().name()),
                        ":now", s(IsoTime.format(now)), ":listed", n(current.listed()), ":stored", n(current.stored()),
                        ":present", n(current.alreadyPresent()), ":failed", n(current.failed()),
                        ":xfailed", n(current.xbrl().failed()), ":zero", n(0),
                        ":entry", historyOf(target, now)))
                .returnValues(ReturnValue.ALL_NEW));
        ExecutionSummary settled = Items.summary(response.attributes());
        // this update won the condition: this writer, and no other, settled the execution
        settlements.settled(target, Duration.between(settled.startedAt(), now));
        return Optional.of(settled);
    }

    // ---------------------------------------------------------------- what a writer decides on

    public Optional<ExecutionSummary> summary(String executionId) {
        return queries.summary(executionId);
    }

    /** Executions of a date, newest first (the lister continues an unsettled one). */
    public Stream<ExecutionSummary> executionsOf(LocalDate date) {
        return queries.executionsOf(date);
    }

    /** What unsettled executions of the date other than {@code except} have queued (a new plan counts it in flight). */
    public Map<DisclosureId, String> queuedByUnsettled(LocalDate date, String except) {
        return queries.queuedByUnsettled(date, except);
    }

    /** The listed disclosures that have no outcome yet (the lister sends them again). */
    public List<Disclosure> pending(String executionId) {
        return queries.pending(executionId);
    }

    // ---------------------------------------------------------------- internals

    /** Runs one transition under {@link #ON_CONFLICT}; gives up after {@value #MAX_ATTEMPTS} attempts. */
    private Transition retried(DisclosureId id, dev.failsafe.function.CheckedSupplier<Transition> transition) {
        try {
            return Failsafe.with(ON_CONFLICT).get(transition);
        } catch (Race e) {
            throw new IllegalStateException("could not record " + id + " after " + MAX_ATTEMPTS + " attempts", e);
        }
    }

    private static boolean failedCondition(CancellationReason reason) {
        return reason != null && "ConditionalCheckFailed".equals(reason.code());
    }

    private Outcome currentOutcome(CancellationReason reason, String executionId, DisclosureId id) {
        Map<String, AttributeValue> item = reason.item();
        if (item == null || item.isEmpty()) {
            item = dynamo.getItem(b -> b.tableName(executionsTable).key(Items.outcomeKey(executionId, id)).consistentRead(true)).item();
        }
        if (item == null || item.isEmpty() || Items.str(item, OUTCOME) == null) {
            throw new UnknownOutcomeException("execution " + executionId + " never listed disclosure " + id);
        }
        return Outcome.valueOf(Items.str(item, OUTCOME));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(Tdnet.JST)).truncatedTo(ChronoUnit.MILLIS);
    }
}
