package io.tdnet.ledger;

import static io.tdnet.ledger.Items.s;
import static io.tdnet.model.Attributes.*;

import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.Names;
import io.tdnet.model.Outcome;
import io.tdnet.model.OutcomeRow;
import io.tdnet.model.StatusChange;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * What the executions table says: summaries, status histories and outcome rows, read consistently
 * where an exact count matters. Read-only; every write is an {@link ExecutionLedger} transition.
 */
public final class ExecutionQueries {
    private final DynamoDbClient dynamo;
    private final String executionsTable;
    private final JsonCodec codec = new JsonCodec();

    public ExecutionQueries(DynamoDbClient dynamo, String executionsTable) {
        this.dynamo = dynamo;
        this.executionsTable = executionsTable;
    }

    public Optional<ExecutionSummary> summary(String executionId) {
        Map<String, AttributeValue> item = summaryItem(executionId);
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.summary(item));
    }

    /** The most recently started execution of a date. */
    public Optional<ExecutionSummary> latestFor(LocalDate date) {
        return executionsOf(date).findFirst();
    }

    /** The execution's {@code status_history}, oldest first (empty when the execution is unknown). */
    public List<StatusChange> statusHistory(String executionId) {
        Map<String, AttributeValue> item = summaryItem(executionId);
        return item == null || item.isEmpty() ? List.of() : Items.statusHistory(item);
    }

    /** Executions of a date, newest first. */
    public Stream<ExecutionSummary> executionsOf(LocalDate date) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(executionsTable)
                        .indexName(Names.EXECUTIONS_BY_DATE_INDEX)
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
        dynamo.scanPaginator(b -> b.tableName(executionsTable).indexName(Names.EXECUTIONS_BY_DATE_INDEX))
                .items().forEach(item -> all.add(Items.summary(item)));
        all.sort((a, b) -> b.startedAt().compareTo(a.startedAt()));
        return all.subList(0, Math.min(limit, all.size()));
    }

    /** Every outcome row of an execution (D# and R#). */
    public Stream<OutcomeRow> outcomes(String executionId) {
        return outcomeItems(executionId).map(Items::outcomeRow);
    }

    /**
     * The failed outcomes, and after them the disclosures whose PDF is stored but whose XBRL failed: such
     * a row keeps its PDF outcome and carries the XBRL's reason (it starts with {@code xbrl:}).
     */
    public List<OutcomeRow> failures(String executionId) {
        List<OutcomeRow> failed = new java.util.ArrayList<>();
        List<OutcomeRow> xbrlFailed = new java.util.ArrayList<>();
        outcomeItems(executionId).forEach(item -> {
            OutcomeRow row = Items.outcomeRow(item);
            if (row.outcome() == Outcome.FAILED) {
                failed.add(row);
            } else if (Outcome.FAILED.name().equals(Items.str(item, XBRL_OUTCOME))) {
                xbrlFailed.add(new OutcomeRow(row.executionId(), row.disclosureId(), row.href(), row.outcome(),
                        Items.str(item, XBRL_REASON)));
            }
        });
        failed.addAll(xbrlFailed);
        return failed;
    }

    /** The listed disclosures that have no outcome yet, as they were listed (to enqueue them again). */
    public List<Disclosure> pending(String executionId) {
        return outcomeItems(executionId)
                .filter(item -> Outcome.PENDING.name().equals(Items.str(item, OUTCOME)))
                .map(item -> codec.decode(Items.str(item, DISCLOSURE_JSON), Disclosure.class))
                .toList();
    }

    /** Executions not settled yet, on every date (a scan of the sparse date index: summary rows only). */
    public List<ExecutionSummary> unsettled() {
        List<ExecutionSummary> found = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(executionsTable).indexName(Names.EXECUTIONS_BY_DATE_INDEX)
                        .filterExpression("#status IN (:listing, :running)")
                        .expressionAttributeNames(Map.of("#status", STATUS))
                        .expressionAttributeValues(Map.of(":listing", s(ExecutionStatus.LISTING.name()),
                                ":running", s(ExecutionStatus.RUNNING.name()))))
                .items().forEach(item -> summary(Items.str(item, EXECUTION_ID)).ifPresent(found::add));
        found.sort(java.util.Comparator.comparing(ExecutionSummary::startedAt));
        return found;
    }

    /** A PENDING outcome with what the downloader recorded of its failed attempts. */
    public record PendingOutcome(String executionId, DisclosureId disclosureId, OffsetDateTime plannedAt,
                                 int attempts, OffsetDateTime lastAttemptAt) {
        /** When the message last showed life: its last failed attempt, else the plan. */
        public OffsetDateTime lastSign() {
            return lastAttemptAt != null ? lastAttemptAt : plannedAt;
        }
    }

    /** The PENDING outcomes of an execution (what the reconciler looks for in the DLQs). */
    public List<PendingOutcome> pendingOutcomes(String executionId) {
        return outcomeItems(executionId)
                .filter(item -> Outcome.PENDING.name().equals(Items.str(item, OUTCOME)))
                .map(item -> new PendingOutcome(executionId,
                        new DisclosureId(Items.str(item, ENTRY).substring(OUTCOME_PREFIX.length())),
                        Items.time(item, CHANGED_AT), (int) Items.num(item, ATTEMPTS), Items.time(item, LAST_ATTEMPT_AT)))
                .toList();
    }

    /**
     * The disclosures of a date that a still unsettled execution has queued and not yet accounted for,
     * each with that execution (a new listing counts them in flight instead of enqueuing them again).
     */
    public Map<DisclosureId, String> queuedByUnsettled(LocalDate date, String exceptExecution) {
        Map<DisclosureId, String> queued = new java.util.HashMap<>();
        executionsOf(date)
                .filter(e -> !e.status().isSettled() && !e.executionId().equals(exceptExecution))
                .forEach(e -> pendingOutcomes(e.executionId()).forEach(p -> queued.putIfAbsent(p.disclosureId(), e.executionId())));
        return queued;
    }

    /** The epoch second an execution's rows expire ({@code ttl} of its summary). */
    Optional<Long> expiry(String executionId) {
        Map<String, AttributeValue> item = summaryItem(executionId);
        return item == null || !item.containsKey(TTL) ? Optional.empty() : Optional.of(Items.num(item, TTL));
    }

    /** Every outcome row's entry key with its outcome (what an interrupted plan already recorded). */
    Map<String, Outcome> outcomeStates(String executionId) {
        Map<String, Outcome> states = new java.util.HashMap<>();
        outcomeItems(executionId).forEach(item -> states.put(Items.str(item, ENTRY), Outcome.valueOf(Items.str(item, OUTCOME))));
        return states;
    }

    private Map<String, AttributeValue> summaryItem(String executionId) {
        return dynamo.getItem(b -> b.tableName(executionsTable).key(Items.summaryKey(executionId)).consistentRead(true)).item();
    }

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
}
