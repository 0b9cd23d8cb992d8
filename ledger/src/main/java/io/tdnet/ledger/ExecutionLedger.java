package io.tdnet.ledger;

import io.tdnet.model.IsoTime;
import static io.tdnet.ledger.Items.n;
import static io.tdnet.ledger.Items.s;
import static io.tdnet.model.Attributes.*;

import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.Outcome;
import io.tdnet.model.OutcomeRow;
import io.tdnet.model.StoredPdf;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The exact accounting of executions (docs/ARCHITECTURE.md invariants 1–4). Every counter moves in the same
 * {@code TransactWriteItems} as the outcome row it counts, guarded by that row's current state, so a
 * duplicate delivery, a crash-and-retry or a redrive can never count twice:
 * <pre>
 *   PENDING → STORED | ALREADY_PRESENT | FAILED        FAILED → STORED | ALREADY_PRESENT
 * </pre>
 * The list of a date is planned once, while the execution is LISTING and nothing else writes to it;
 * from then on only the persister moves outcomes. Settling is one conditional update on the counters
 * it read, so exactly one writer settles an execution however many race.
 */
public final class ExecutionLedger {
    private static final Logger log = LoggerFactory.getLogger(ExecutionLedger.class);
    private static final Duration RETENTION = Duration.ofDays(400);
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String executionsTable;
    private final String disclosuresTable;
    private final Clock clock;
    private final JsonCodec codec = new JsonCodec();

    public ExecutionLedger(DynamoDbClient dynamo, String executionsTable, String disclosuresTable, Clock clock) {
        this.dynamo = dynamo;
        this.executionsTable = executionsTable;
        this.disclosuresTable = disclosuresTable;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- lister side

    /**
     * Creates the execution in LISTING, or returns it unchanged when it exists and is still LISTING
     * (a resumed run). {@code started_at} is written once, whatever happens later.
     */
    public ExecutionSummary begin(String executionId, LocalDate targetDate) {
        OffsetDateTime now = now();
        var response = dynamo.updateItem(b -> b.tableName(executionsTable)
                .key(Items.summaryKey(executionId))
                .updateExpression("SET #target = if_not_exists(#target, :date), #started = if_not_exists(#started, :now), "
                        + "#updated = :now, #status = if_not_exists(#status, :listing), #ttl = if_not_exists(#ttl, :ttl), "
                        + "#history = if_not_exists(#history, :history), "
                        + "#listed = if_not_exists(#listed, :zero), #withdrawn = if_not_exists(#withdrawn, :zero), "
                        + "#stored = if_not_exists(#stored, :zero), #present = if_not_exists(#present, :zero), "
                        + "#failed = if_not_exists(#failed, :zero)")
                .conditionExpression("attribute_not_exists(#id) OR (#status = :listing AND #target = :date)")
                .expressionAttributeNames(names("#id", EXECUTION_ID, "#target", TARGET_DATE, "#started", STARTED_AT,
                        "#updated", UPDATED_AT, "#status", STATUS, "#ttl", TTL, "#history", STATUS_HISTORY,
                        "#listed", LISTED, "#withdrawn", WITHDRAWN, "#stored", STORED, "#present", ALREADY_PRESENT,
                        "#failed", FAILED))
                .expressionAttributeValues(Map.of(
                        ":date", s(targetDate.toString()), ":now", s(IsoTime.format(now)),
                        ":listing", s(ExecutionStatus.LISTING.name()),
                        ":ttl", n(clock.instant().plus(RETENTION).getEpochSecond()),
                        ":history", AttributeValue.fromL(List.of(historyEntry(ExecutionStatus.LISTING, now))),
                        ":zero", n(0)))
                .returnValues(ReturnValue.ALL_NEW));
        return Items.summary(response.attributes());
    }

    /**
     * Records an accepted list: one outcome row per listed row (PENDING, ALREADY_PRESENT, or FAILED for
     * a rejected row) and the summary's counters set from exactly those rows. Only valid while LISTING
     * and before any message is sent, when this is the only writer; rows of an earlier interrupted
     * attempt that the new list does not contain are removed, so a re-plan is exact too.
     */
    public void acceptListing(String executionId, ListingPlan plan) {
        OffsetDateTime now = now();
        Map<String, Map<String, AttributeValue>> rows = new HashMap<>();
        for (Disclosure d : plan.pending()) {
            Map<String, AttributeValue> row = outcomeRowItem(executionId, OUTCOME_PREFIX + d.disclosureId().value(), Outcome.PENDING, null, now);
            row.put(DISCLOSURE_JSON, s(codec.encode(d)));
            rows.put(OUTCOME_PREFIX + d.disclosureId().value(), row);
        }
        for (DisclosureId id : plan.alreadyPresent()) {
            rows.put(OUTCOME_PREFIX + id.value(), outcomeRowItem(executionId, OUTCOME_PREFIX + id.value(), Outcome.ALREADY_PRESENT, null, now));
        }
        for (RejectedRow rejected : plan.rejected()) {
            Map<String, AttributeValue> row = outcomeRowItem(executionId, rejected.entryKey(), Outcome.FAILED, rejected.reason(), now);
            Items.putIfPresent(row, HREF, rejected.href());
            Items.putIfPresent(row, TITLE, rejected.title());
            Items.putIfPresent(row, COMPANY_CODE, rejected.companyCode());
            rows.put(rejected.entryKey(), row);
        }
        List<WriteRequest> writes = new ArrayList<>();
        outcomeEntries(executionId).filter(entry -> !rows.containsKey(entry))
                .forEach(stale -> writes.add(WriteRequest.builder()
                        .deleteRequest(d -> d.key(Items.outcomeKey(executionId, stale))).build()));
        rows.values().forEach(item -> writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build()));
        batchWrite(writes);

        long stored = 0;
        dynamo.updateItem(b -> b.tableName(executionsTable)
                .key(Items.summaryKey(executionId))
                .updateExpression("SET #banner = :banner, #listed = :listed, #withdrawn = :withdrawn, #stored = :stored, "
                        + "#present = :present, #failed = :failed, #updated = :now")
                .conditionExpression("#status = :listing")
                .expressionAttributeNames(names("#banner", BANNER_TOTAL, "#listed", LISTED, "#withdrawn", WITHDRAWN,
                        "#stored", STORED, "#present", ALREADY_PRESENT, "#failed", FAILED, "#updated", UPDATED_AT,
                        "#status", STATUS))
                .expressionAttributeValues(Map.of(":banner", n(plan.bannerTotal()), ":listed", n(plan.listed()),
                        ":withdrawn", n(plan.withdrawn()), ":stored", n(stored),
                        ":present", n(plan.alreadyPresent().size()), ":failed", n(plan.rejected().size()),
                        ":now", s(IsoTime.format(now)), ":listing", s(ExecutionStatus.LISTING.name()))));
    }

    /** LISTING → RUNNING once the messages are sent; settles at once if nothing is left to do. */
    public ExecutionSummary markRunning(String executionId) {
        OffsetDateTime now = now();
        try {
            dynamo.updateItem(b -> b.tableName(executionsTable)
                    .key(Items.summaryKey(executionId))
                    .updateExpression("SET #status = :running, #updated = :now, #history = list_append(#history, :entry)")
                    .conditionExpression("#status = :listing AND attribute_exists(#banner)")
                    .expressionAttributeNames(names("#status", STATUS, "#updated", UPDATED_AT, "#history", STATUS_HISTORY,
                            "#banner", BANNER_TOTAL))
                    .expressionAttributeValues(Map.of(":running", s(ExecutionStatus.RUNNING.name()),
                            ":listing", s(ExecutionStatus.LISTING.name()), ":now", s(IsoTime.format(now)),
                            ":entry", AttributeValue.fromL(List.of(historyEntry(ExecutionStatus.RUNNING, now))))));
        } catch (ConditionalCheckFailedException e) {
            log.debug("execution {} was already past LISTING", executionId);
        }
        return settleIfDone(executionId).orElseThrow();
    }

    /** The list could not be read completely: FAILED with the reason, settled. */
    public void markFailed(String executionId, String reason) {
        OffsetDateTime now = now();
        dynamo.updateItem(b -> b.tableName(executionsTable)
                .key(Items.summaryKey(executionId))
                .updateExpression("SET #status = :failed, #reason = :reason, #updated = :now, #finished = :now, "
                        + "#history = list_append(#history, :entry)")
                .conditionExpression("#status = :listing")
                .expressionAttributeNames(names("#status", STATUS, "#reason", REASON, "#updated", UPDATED_AT,
                        "#finished", FINISHED_AT, "#history", STATUS_HISTORY))
                .expressionAttributeValues(Map.of(":failed", s(ExecutionStatus.FAILED.name()), ":reason", s(reason),
                        ":listing", s(ExecutionStatus.LISTING.name()), ":now", s(IsoTime.format(now)),
                        ":entry", AttributeValue.fromL(List.of(historyEntry(ExecutionStatus.FAILED, now))))));
    }

    // ---------------------------------------------------------------- persister side

    /**
     * Stores the disclosure (once, ever) and moves this execution's outcome to STORED — or to
     * ALREADY_PRESENT when an earlier execution stored it — with the counters, in one transaction.
     */
    public Transition recordStored(String executionId, Disclosure disclosure, StoredPdf pdf) {
        Outcome expected = Outcome.PENDING;
        boolean store = true;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Outcome target = store ? Outcome.STORED : Outcome.ALREADY_PRESENT;
            OffsetDateTime now = now();
            List<TransactWriteItem> items = new ArrayList<>();
            if (store) {
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(disclosuresTable)
                        .item(Items.disclosureItem(disclosure, pdf, executionId, now))
                        .conditionExpression("attribute_not_exists(#id)")
                        .expressionAttributeNames(Map.of("#id", DISCLOSURE_ID)).build()).build());
            }
            items.add(outcomeUpdate(executionId, OUTCOME_PREFIX + disclosure.disclosureId().value(), expected, target, null, now));
            items.add(counterUpdate(executionId, expected, target, now));
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                settleIfDone(executionId);
                return target == Outcome.STORED ? Transition.STORED : Transition.ALREADY_PRESENT;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                CancellationReason disclosureReason = store ? reasons.get(0) : null;
                CancellationReason outcomeReason = reasons.get(store ? 1 : 0);
                if (failedCondition(outcomeReason)) {
                    Outcome current = currentOutcome(outcomeReason, executionId, disclosure.disclosureId());
                    if (current == Outcome.STORED || current == Outcome.ALREADY_PRESENT) return Transition.DUPLICATE;
                    expected = current; // PENDING raced, or FAILED → retry as a recovery
                }
                if (failedCondition(disclosureReason)) store = false;
                if (!failedCondition(outcomeReason) && !failedCondition(disclosureReason)) {
                    // a conflict with a concurrent transaction on the summary row: back off, then retry
                    log.debug("transaction for {} cancelled ({}), retrying", disclosure.disclosureId(), e.getMessage());
                    backoff(attempt);
                }
            }
        }
        throw new IllegalStateException("could not record " + disclosure.disclosureId() + " after " + MAX_ATTEMPTS + " attempts");
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
        if (updates.isEmpty()) return true;
        Set<DisclosureId> distinct = new HashSet<>();
        for (OutcomeUpdate update : updates) {
            if (!distinct.add(update.disclosure().disclosureId())) return false;
        }
        if (updates.size() * 2 + 1 > 100) return false; // TransactWriteItems' limit
        OffsetDateTime now = now();
        List<TransactWriteItem> items = new ArrayList<>();
        long stored = 0;
        long failed = 0;
        for (OutcomeUpdate update : updates) {
            String entry = OUTCOME_PREFIX + update.disclosure().disclosureId().value();
            if (update.pdf() != null) {
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(disclosuresTable)
                        .item(Items.disclosureItem(update.disclosure(), update.pdf(), executionId, now))
                        .conditionExpression("attribute_not_exists(#id)")
                        .expressionAttributeNames(Map.of("#id", DISCLOSURE_ID)).build()).build());
                items.add(outcomeUpdate(executionId, entry, Outcome.PENDING, Outcome.STORED, null, now));
                stored++;
            } else {
                items.add(outcomeUpdate(executionId, entry, Outcome.PENDING, Outcome.FAILED, update.failureReason(), now));
                failed++;
            }
        }
        items.add(countersUpdate(executionId, stored, failed, now));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            return false;
        }
        settleIfDone(executionId);
        return true;
    }

    /** PENDING → FAILED with the reason, counted; a later success moves it on (see {@link #recordStored}). */
    public Transition recordFailed(String executionId, DisclosureId id, String reason) {
        OffsetDateTime now = now();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(
                        outcomeUpdate(executionId, OUTCOME_PREFIX + id.value(), Outcome.PENDING, Outcome.FAILED, reason, now),
                        counterUpdate(executionId, Outcome.PENDING, Outcome.FAILED, now)));
                settleIfDone(executionId);
                return Transition.FAILED;
            } catch (TransactionCanceledException e) {
                CancellationReason outcomeReason = e.cancellationReasons().get(0);
                if (failedCondition(outcomeReason)) {
                    Outcome current = currentOutcome(outcomeReason, executionId, id);
                    if (current != Outcome.PENDING) return Transition.DUPLICATE;
                } else {
                    backoff(attempt);
                }
            }
        }
        throw new IllegalStateException("could not record the failure of " + id + " after " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Settles the execution when every listed disclosure has an outcome: RUNNING →
     * COMPLETED | COMPLETED_WITH_FAILURES, and COMPLETED_WITH_FAILURES → COMPLETED after a redrive
     * recovered the last failure. Conditional on the counters it read, so one writer wins.
     */
    public Optional<ExecutionSummary> settleIfDone(String executionId) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<ExecutionSummary> found = summary(executionId);
            if (found.isEmpty()) return found;
            ExecutionSummary current = found.get();
            boolean settleable = current.status() == ExecutionStatus.RUNNING
                    || current.status() == ExecutionStatus.COMPLETED_WITH_FAILURES;
            if (!settleable || !current.allAccountedFor()) return found;
            ExecutionStatus target = current.failed() > 0 ? ExecutionStatus.COMPLETED_WITH_FAILURES : ExecutionStatus.COMPLETED;
            if (target == current.status()) return found;
            OffsetDateTime now = now();
            try {
                var response = dynamo.updateItem(b -> b.tableName(executionsTable)
                        .key(Items.summaryKey(executionId))
                        .updateExpression("SET #status = :target, #updated = :now, #finished = :now, "
                                + "#history = list_append(#history, :entry)")
                        .conditionExpression("#status = :current AND #listed = :listed AND #stored = :stored "
                                + "AND #present = :present AND #failed = :failed")
                        .expressionAttributeNames(names("#status", STATUS, "#updated", UPDATED_AT, "#finished", FINISHED_AT,
                                "#history", STATUS_HISTORY, "#listed", LISTED, "#stored", STORED,
                                "#present", ALREADY_PRESENT, "#failed", FAILED))
                        .expressionAttributeValues(Map.of(":target", s(target.name()), ":current", s(current.status().name()),
                                ":now", s(IsoTime.format(now)), ":listed", n(current.listed()), ":stored", n(current.stored()),
                                ":present", n(current.alreadyPresent()), ":failed", n(current.failed()),
                                ":entry", AttributeValue.fromL(List.of(historyEntry(target, now)))))
                        .returnValues(ReturnValue.ALL_NEW));
                return Optional.of(Items.summary(response.attributes()));
            } catch (ConditionalCheckFailedException e) {
                log.debug("execution {} changed while settling, reading again", executionId);
            }
        }
        return summary(executionId);
    }

    // ---------------------------------------------------------------- read side

    public Optional<ExecutionSummary> summary(String executionId) {
        var item = dynamo.getItem(b -> b.tableName(executionsTable).key(Items.summaryKey(executionId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.summary(item));
    }

    /** The most recently started execution of a date. */
    public Optional<ExecutionSummary> latestFor(LocalDate date) {
        return executionsOf(date).findFirst();
    }

    /** The execution's {@code status_history}, oldest first (empty when the execution is unknown). */
    public List<io.tdnet.model.StatusChange> statusHistory(String executionId) {
        var item = dynamo.getItem(b -> b.tableName(executionsTable).key(Items.summaryKey(executionId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? List.of() : Items.statusHistory(item);
    }

    /** Executions of a date, newest first. */
    public Stream<ExecutionSummary> executionsOf(LocalDate date) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(executionsTable)
                        .indexName(io.tdnet.model.Names.EXECUTIONS_BY_DATE_INDEX)
                        .keyConditionExpression("#date = :date")
                        .expressionAttributeNames(Map.of("#date", TARGET_DATE))
                        .expressionAttributeValues(Map.of(":date", s(date.toString())))
                        .scanIndexForward(false).build())
                .items().stream()
                // the index is eventually consistent: read the summary itself for exact counters
                .map(item -> summary(Items.str(item, EXECUTION_ID)).orElseThrow());
    }

    /** The latest executions across dates (a scan of the sparse date index: summary rows only). */
    public List<ExecutionSummary> recent(int limit) {
        List<ExecutionSummary> all = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(executionsTable).indexName(io.tdnet.model.Names.EXECUTIONS_BY_DATE_INDEX))
                .items().forEach(item -> all.add(Items.summary(item)));
        all.sort((a, b) -> b.startedAt().compareTo(a.startedAt()));
        return all.subList(0, Math.min(limit, all.size()));
    }

    /** Every outcome row of an execution (D# and R#). */
    public Stream<OutcomeRow> outcomes(String executionId) {
        return outcomeItems(executionId).map(Items::outcomeRow);
    }

    public List<OutcomeRow> failures(String executionId) {
        return outcomes(executionId).filter(row -> row.outcome() == Outcome.FAILED).toList();
    }

    /** The listed disclosures that have no outcome yet, as they were listed (to enqueue them again). */
    public List<Disclosure> pending(String executionId) {
        return outcomeItems(executionId)
                .filter(item -> Outcome.PENDING.name().equals(Items.str(item, OUTCOME)))
                .map(item -> codec.decode(Items.str(item, DISCLOSURE_JSON), Disclosure.class))
                .toList();
    }

    // ---------------------------------------------------------------- internals

    private Stream<Map<String, AttributeValue>> outcomeItems(String executionId) {
        // the key cannot be filtered server-side; the summary is one row among thousands
        return dynamo.queryPaginator(QueryRequest.builder().tableName(executionsTable)
                        .keyConditionExpression("#id = :id")
                        .expressionAttributeNames(Map.of("#id", EXECUTION_ID))
                        .expressionAttributeValues(Map.of(":id", s(executionId)))
                        .consistentRead(true).build())
                .items().stream()
                .filter(item -> !SUMMARY_ENTRY.equals(Items.str(item, ENTRY)));
    }

    private Stream<String> outcomeEntries(String executionId) {
        return outcomeItems(executionId).map(item -> Items.str(item, ENTRY));
    }

    private Map<String, AttributeValue> outcomeRowItem(String executionId, String entry, Outcome outcome, String reason, OffsetDateTime now) {
        Map<String, AttributeValue> item = new HashMap<>(Items.outcomeKey(executionId, entry));
        item.put(OUTCOME, s(outcome.name()));
        item.put(CHANGED_AT, s(IsoTime.format(now)));
        Items.putIfPresent(item, REASON, reason);
        return item;
    }

    private TransactWriteItem outcomeUpdate(String executionId, String entry, Outcome expected, Outcome target,
                                            String reason, OffsetDateTime now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":expected", s(expected.name()));
        values.put(":target", s(target.name()));
        values.put(":now", s(IsoTime.format(now)));
        String update = "SET #outcome = :target, #changed = :now";
        if (reason != null) {
            update += ", #reason = :reason";
            values.put(":reason", s(reason));
        }
        Map<String, String> names = new HashMap<>(Map.of("#outcome", OUTCOME, "#changed", CHANGED_AT, "#json", DISCLOSURE_JSON));
        if (reason != null) names.put("#reason", REASON);
        // the listed JSON is only needed while PENDING
        update += " REMOVE #json";
        String expression = update;
        return TransactWriteItem.builder().update(Update.builder().tableName(executionsTable)
                .key(Items.outcomeKey(executionId, entry))
                .updateExpression(expression)
                .conditionExpression("#outcome = :expected")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    private TransactWriteItem counterUpdate(String executionId, Outcome from, Outcome to, OffsetDateTime now) {
        Map<String, String> names = new HashMap<>(Map.of("#to", counterOf(to), "#updated", UPDATED_AT, "#status", STATUS));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", n(1), ":now", s(IsoTime.format(now)),
                ":failedStatus", s(ExecutionStatus.FAILED.name())));
        String update = "ADD #to :one";
        if (from == Outcome.FAILED) {
            names.put("#from", counterOf(from));
            values.put(":minus", n(-1));
            update += ", #from :minus";
        }
        update += " SET #updated = :now";
        String expression = update;
        return TransactWriteItem.builder().update(Update.builder().tableName(executionsTable)
                .key(Items.summaryKey(executionId))
                .updateExpression(expression)
                .conditionExpression("attribute_exists(#status) AND #status <> :failedStatus")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values).build()).build();
    }

    private TransactWriteItem countersUpdate(String executionId, long stored, long failed, OffsetDateTime now) {
        return TransactWriteItem.builder().update(Update.builder().tableName(executionsTable)
                .key(Items.summaryKey(executionId))
                .updateExpression("ADD #stored :stored, #failed :failed SET #updated = :now")
                .conditionExpression("attribute_exists(#status) AND #status <> :failedStatus")
                .expressionAttributeNames(Map.of("#stored", STORED, "#failed", FAILED, "#updated", UPDATED_AT, "#status", STATUS))
                .expressionAttributeValues(Map.of(":stored", n(stored), ":failed", n(failed), ":now", s(IsoTime.format(now)),
                        ":failedStatus", s(ExecutionStatus.FAILED.name()))).build()).build();
    }

    private static String counterOf(Outcome outcome) {
        return switch (outcome) {
            case STORED -> STORED;
            case ALREADY_PRESENT -> ALREADY_PRESENT;
            case FAILED -> FAILED;
            case PENDING -> throw new IllegalArgumentException("PENDING has no counter");
        };
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

    private void batchWrite(List<WriteRequest> writes) {
        for (int i = 0; i < writes.size(); i += 25) {
            List<WriteRequest> chunk = writes.subList(i, Math.min(i + 25, writes.size()));
            Map<String, List<WriteRequest>> pending = Map.of(executionsTable, chunk);
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt > 0) backoff(attempt);
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    /** Jittered exponential backoff for conflicts and unprocessed batch items (DynamoDB's advice). */
    private static void backoff(int attempt) {
        try {
            long cap = Math.min(1000, 10L << Math.min(attempt, 7));
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the plan", e);
        }
    }

    private static AttributeValue historyEntry(ExecutionStatus status, OffsetDateTime at) {
        return AttributeValue.fromM(Map.of(STATUS, s(status.name()), "at", s(IsoTime.format(at))));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.withZone(io.tdnet.model.Tdnet.JST)).truncatedTo(ChronoUnit.MILLIS);
    }

    private static Map<String, String> names(String... pairs) {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) names.put(pairs[i], pairs[i + 1]);
        return names;
    }

    /** Ids among {@code ids} whose outcome rows in this execution are in one of {@code outcomes}. */
    public Set<DisclosureId> idsWithOutcome(String executionId, Set<Outcome> outcomes) {
        Set<DisclosureId> ids = new HashSet<>();
        outcomes(executionId).filter(row -> row.disclosureId() != null && outcomes.contains(row.outcome()))
                .forEach(row -> ids.add(row.disclosureId()));
        return ids;
    }
}
