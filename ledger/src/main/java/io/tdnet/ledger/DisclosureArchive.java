package io.tdnet.ledger;

import io.tdnet.model.IsoTime;
import static io.tdnet.ledger.Items.s;
import static io.tdnet.model.Attributes.*;

import io.tdnet.model.ArchivedDisclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.Names;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The read side of the archive (the {@code disclosures} table) plus the one write it allows besides
 * the persister's conditional put: marking a disclosure withdrawn. Range reads stream page by page
 * through the GSIs, never loading a whole range into memory.
 */
public final class DisclosureArchive {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DisclosureArchive(DynamoDbClient dynamo, String disclosuresTable, Clock clock) {
        this.dynamo = dynamo;
        this.table = disclosuresTable;
        this.clock = clock;
    }

    /**
     * What the archive holds of one date: the stored ids, and which of them have no XBRL yet. Stored
     * disclosures of a date are read through the date index in one Query (pages of 1 MB), where a
     * BatchGetItem per 100 ids costs, on DynamoDB Local, one lookup job per id, queued behind every other
     * call (the lister's planning of a busy day waited mostly on those). An index read may lag a write by a moment on AWS: a disclosure
     * stored that moment before is then planned as new, found in S3 by the downloader without a request to
     * TDnet, and recorded already present by the persister, so the counts stay exact.
     */
    public record StoredOnDate(Set<DisclosureId> stored, Set<DisclosureId> withoutXbrl) {
        public StoredOnDate {
            stored = Set.copyOf(stored);
            withoutXbrl = Set.copyOf(withoutXbrl);
        }
    }

    /** The disclosures of {@code date} in the archive ({@link StoredOnDate}); only their id and XBRL digest are read. */
    public StoredOnDate storedOn(LocalDate date) {
        Set<DisclosureId> stored = new HashSet<>();
        Set<DisclosureId> withoutXbrl = new HashSet<>();
        dynamo.queryPaginator(QueryRequest.builder().tableName(table).indexName(Names.DISCLOSURES_BY_DATE_INDEX)
                        .keyConditionExpression("#d = :d")
                        .projectionExpression("#id, #xsha")
                        .expressionAttributeNames(Map.of("#d", DISCLOSED_DATE, "#id", DISCLOSURE_ID, "#xsha", XBRL_SHA256))
                        .expressionAttributeValues(Map.of(":d", s(date.toString()))).build())
                .items().forEach(item -> {
                    DisclosureId id = new DisclosureId(Items.str(item, DISCLOSURE_ID));
                    stored.add(id);
                    if (!item.containsKey(XBRL_SHA256)) withoutXbrl.add(id);
                });
        return new StoredOnDate(stored, withoutXbrl);
    }

    public Optional<ArchivedDisclosure> get(DisclosureId id) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Items.disclosureKey(id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.archived(item));
    }

    /**
     * Sets {@code withdrawn_at} (once) on the stored disclosure of that date with the same time, code and
     * title, if there is one. Returns whether one was marked.
     */
    public boolean markWithdrawn(LocalDate date, OffsetDateTime at, String companyCode, String title) {
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(io.tdnet.model.Tdnet.JST)).truncatedTo(ChronoUnit.MILLIS);
        String nowText = IsoTime.format(now);
        List<ArchivedDisclosure> matches = atTime(date, at)
                .filter(a -> a.disclosure().disclosedAt().isEqual(at)
                        && companyCode.equals(a.disclosure().companyCode())
                        && title.equals(a.disclosure().title()))
                .toList();
        boolean marked = false;
        for (ArchivedDisclosure match : matches) {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(Items.disclosureKey(match.disclosure().disclosureId()))
                        .updateExpression("SET #w = :now")
                        .conditionExpression("attribute_exists(#id) AND attribute_not_exists(#w)")
                        .expressionAttributeNames(Map.of("#w", WITHDRAWN_AT, "#id", DISCLOSURE_ID))
                        .expressionAttributeValues(Map.of(":now", s(nowText))));
                marked = true;
            } catch (ConditionalCheckFailedException alreadyMarked) {
                marked = true;
            }
        }
        return marked;
    }

    /** Every stored disclosure of a date, in time order. */
    public Stream<ArchivedDisclosure> byDate(LocalDate date) {
        return query(QueryRequest.builder().tableName(table).indexName(Names.DISCLOSURES_BY_DATE_INDEX)
                .keyConditionExpression("#d = :d")
                .expressionAttributeNames(Map.of("#d", DISCLOSED_DATE))
                .expressionAttributeValues(Map.of(":d", s(date.toString()))).build());
    }

    /**
     * The stored disclosures of a date published at {@code at}: the date index's sort key starts with the
     * time ({@link #sortKey}), so this reads only that minute's rows, not the whole day (the lister asks
     * once per withdrawn row, at the end of a listing, when the day may hold thousands).
     */
    Stream<ArchivedDisclosure> atTime(LocalDate date, OffsetDateTime at) {
        return query(QueryRequest.builder().tableName(table).indexName(Names.DISCLOSURES_BY_DATE_INDEX)
                .keyConditionExpression("#d = :d AND begins_with(#k, :at)")
                .expressionAttributeNames(Map.of("#d", DISCLOSED_DATE, "#k", DISCLOSED_AT_ID))
                .expressionAttributeValues(Map.of(":d", s(date.toString()),
                        ":at", s(IsoTime.format(at.atZoneSameInstant(io.tdnet.model.Tdnet.JST).toOffsetDateTime()) + "#")))
                .build());
    }

    /** Every stored disclosure from {@code from} to {@code to} inclusive, date by date. */
    public Stream<ArchivedDisclosure> byDateRange(LocalDate from, LocalDate to) {
        return from.datesUntil(to.plusDays(1)).flatMap(this::byDate);
    }

    /** A company's stored disclosures between two dates inclusive, through the company index. */
    public Stream<ArchivedDisclosure> byCompany(String companyCode, LocalDate from, LocalDate to) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":c", s(companyCode));
        values.put(":from", s(from.toString()));
        values.put(":to", s(to.plusDays(1).toString()));
        return query(QueryRequest.builder().tableName(table).indexName(Names.DISCLOSURES_BY_COMPANY_INDEX)
                .keyConditionExpression("#c = :c AND #k BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#c", COMPANY_CODE, "#k", DISCLOSED_AT_ID))
                .expressionAttributeValues(values).build())
                // the sort key starts with the ISO time: strings from `to`+1 day sort after `to`'s
                .filter(a -> !a.disclosure().disclosedDate().isAfter(to));
    }

    /**
     * One page of a date's disclosures through the date index, newest first: at most {@code limit} rows
     * whose index sort key ({@link #sortKey}) comes after {@code afterSortKey} in that order (null: from
     * the newest). One Query call; {@code exhausted} when the date has nothing after the page.
     */
    public IndexPage newestOnDate(LocalDate date, String afterSortKey, int limit) {
        return newestFirst(Names.DISCLOSURES_BY_DATE_INDEX, DISCLOSED_DATE, date.toString(), "#p = :p",
                Map.of(":p", s(date.toString())), afterSortKey, limit);
    }

    /**
     * One page of a company's disclosures through the company index, newest first, optionally between
     * two dates inclusive (both null: every date); otherwise as {@link #newestOnDate}.
     */
    public IndexPage newestOfCompany(String companyCode, LocalDate from, LocalDate to, String afterSortKey, int limit) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", s(companyCode));
        String condition = "#p = :p";
        if (from != null && to != null) {
            // the sort key starts with the ISO time: every key of `to` sorts below `to`+1 day
            values.put(":from", s(from.toString()));
            values.put(":to", s(to.plusDays(1).toString()));
            condition += " AND #k BETWEEN :from AND :to";
        }
        return newestFirst(Names.DISCLOSURES_BY_COMPANY_INDEX, COMPANY_CODE, companyCode, condition, values, afterSortKey, limit);
    }

    /** The index sort key of a disclosure ({@code disclosed_at#id}), the position a page continues after. */
    public static String sortKey(io.tdnet.model.Disclosure disclosure) {
        return Items.sortKey(disclosure);
    }

    /** Rows of one index page, newest first, and whether the partition has nothing after them. */
    public record IndexPage(List<ArchivedDisclosure> rows, boolean exhausted) {}

    private IndexPage newestFirst(String index, String partitionAttribute, String partition, String condition,
                                  Map<String, AttributeValue> values, String afterSortKey, int limit) {
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression(condition)
                .expressionAttributeNames(condition.contains("#k")
                        ? Map.of("#p", partitionAttribute, "#k", DISCLOSED_AT_ID) : Map.of("#p", partitionAttribute))
                .expressionAttributeValues(values)
                .scanIndexForward(false).limit(limit);
        if (afterSortKey != null) {
            // a GSI's start key is the index key plus the table key; the id is the sort key's tail
            String id = afterSortKey.substring(afterSortKey.lastIndexOf('#') + 1);
            request.exclusiveStartKey(Map.of(partitionAttribute, s(partition), DISCLOSED_AT_ID, s(afterSortKey),
                    DISCLOSURE_ID, s(new DisclosureId(id).value())));
        }
        var response = dynamo.query(request.build());
        List<ArchivedDisclosure> rows = response.items().stream().map(Items::archived).toList();
        return new IndexPage(rows, !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty());
    }

    private Stream<ArchivedDisclosure> query(QueryRequest request) {
        return dynamo.queryPaginator(request).items().stream().map(Items::archived);
    }
}
