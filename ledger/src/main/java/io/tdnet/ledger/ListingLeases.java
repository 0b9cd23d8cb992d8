package io.tdnet.ledger;

import static io.tdnet.ledger.Items.n;
import static io.tdnet.ledger.Items.s;
import static io.tdnet.ledger.TransitionItems.names;
import static io.tdnet.model.Attributes.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * One listing lease per date, a row of the executions table ({@code LEASE#<date>} / {@code #LEASE}):
 * taken with a conditional write when it is free, expired, or already this holder's; renewed while
 * listing; released when the plan is sent. Each grant adds one to the fencing token that
 * {@link ExecutionLedger}'s plan writes are conditioned on ({@link #fence}).
 */
public final class ListingLeases {
    /** Long enough for a renewal to survive a slow call; short enough that a dead lister blocks briefly. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);

    private final DynamoDbClient dynamo;
    private final String executionsTable;
    private final Clock clock;
    private final Duration duration;

    public ListingLeases(DynamoDbClient dynamo, String executionsTable, Clock clock, Duration duration) {
        this.dynamo = dynamo;
        this.executionsTable = executionsTable;
        this.clock = clock;
        this.duration = duration;
    }

    /** Who holds a date's lease, when it is held and not expired. */
    public record Holder(String holder, Instant expiresAt) {}

    /** The lease of {@code date} for {@code holder}, or empty (see {@link #holder}) when another holds it. */
    public Optional<ListingLease> tryAcquire(LocalDate date, String holder) {
        Instant now = clock.instant();
        Instant expires = now.plus(duration);
        try {
            var response = dynamo.updateItem(b -> b.tableName(executionsTable).key(key(date))
                    .updateExpression("SET #holder = :me, #expires = :expires, #ttl = :ttl ADD #token :one")
                    .conditionExpression("attribute_not_exists(#holder) OR #holder = :me OR #expires < :now")
                    .expressionAttributeNames(names("#holder", LEASE_HOLDER, "#expires", LEASE_EXPIRES_AT,
                            "#token", LEASE_TOKEN, "#ttl", TTL))
                    .expressionAttributeValues(Map.of(":me", s(holder), ":expires", n(expires.toEpochMilli()),
                            ":now", n(now.toEpochMilli()), ":one", n(1),
                            ":ttl", n(expires.plus(Duration.ofDays(1)).getEpochSecond())))
                    .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(new ListingLease(date, holder, Items.num(response.attributes(), LEASE_TOKEN), expires));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /** Extends a held lease; {@link LeaseLostException} when another lister took it meanwhile. */
    public ListingLease renew(ListingLease lease) {
        Instant expires = clock.instant().plus(duration);
        try {
            dynamo.updateItem(b -> b.tableName(executionsTable).key(key(lease.date()))
                    .updateExpression("SET #expires = :expires")
                    .conditionExpression("#holder = :me AND #token = :token")
                    .expressionAttributeNames(names("#holder", LEASE_HOLDER, "#expires", LEASE_EXPIRES_AT, "#token", LEASE_TOKEN))
                    .expressionAttributeValues(Map.of(":me", s(lease.holder()), ":token", n(lease.token()),
                            ":expires", n(expires.toEpochMilli()))));
            return new ListingLease(lease.date(), lease.holder(), lease.token(), expires);
        } catch (ConditionalCheckFailedException e) {
            throw new LeaseLostException("the listing lease of " + lease.date() + " (token " + lease.token()
                    + ") was taken by another lister");
        }
    }

    /** Gives the lease up at once (a no-op when it was taken meanwhile). */
    public void release(ListingLease lease) {
        try {
            dynamo.updateItem(b -> b.tableName(executionsTable).key(key(lease.date()))
                    .updateExpression("REMOVE #holder SET #expires = :zero")
                    .conditionExpression("#holder = :me AND #token = :token")
                    .expressionAttributeNames(names("#holder", LEASE_HOLDER, "#expires", LEASE_EXPIRES_AT, "#token", LEASE_TOKEN))
                    .expressionAttributeValues(Map.of(":me", s(lease.holder()), ":token", n(lease.token()), ":zero", n(0))));
        } catch (ConditionalCheckFailedException e) {
            // someone else holds it now: nothing of ours to release
        }
    }

    /** The current holder of a date's lease, if it is held and not expired. */
    public Optional<Holder> holder(LocalDate date) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(executionsTable).key(key(date)).consistentRead(true)).item();
        if (item == null || Items.str(item, LEASE_HOLDER) == null) return Optional.empty();
        Instant expires = Instant.ofEpochMilli(Items.num(item, LEASE_EXPIRES_AT));
        if (expires.isBefore(clock.instant())) return Optional.empty();
        return Optional.of(new Holder(Items.str(item, LEASE_HOLDER), expires));
    }

    /** The condition every plan write carries: the lease is still the one it was made under. */
    static TransactWriteItem fence(String executionsTable, ListingLease lease) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(executionsTable)
                .key(key(lease.date()))
                .conditionExpression("#holder = :me AND #token = :token")
                .expressionAttributeNames(names("#holder", LEASE_HOLDER, "#token", LEASE_TOKEN))
                .expressionAttributeValues(Map.of(":me", s(lease.holder()), ":token", n(lease.token()))).build()).build();
    }

    static Map<String, AttributeValue> key(LocalDate date) {
        return Map.of(EXECUTION_ID, s(LEASE_PREFIX + date), ENTRY, s(LEASE_ENTRY));
    }
}
