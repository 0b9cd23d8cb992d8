package io.tdnet.wiring.pacing;

import io.tdnet.model.SlotSpacing;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The slot schedule as one DynamoDB item ({@code schedule = "tdnet"}) in the pacer table: {@code next}
 * (the next free slot), {@code hold} (end of the last quiet span a server asked for), {@code shift} (how far
 * late senders that kept their slots have moved the slots reserved, in all), {@code rate} (the R the
 * schedule runs at) and {@code used} (when a slot was last reserved), times in microseconds since the
 * epoch.
 *
 * <p>A reservation is one conditional update whose condition picks the branch of
 * {@code slot = max(now, next)}, so no read precedes it:
 * <ul>
 *   <li>busy ({@code next > now}): {@code next = next + spacing (+ pad)}, returning the old {@code next} as the slot;
 *   <li>idle ({@code next ≤ now} or no item): {@code next = now + spacing (+ pad)}, the slot is {@code now}; an idle
 *       schedule also takes this process's R when it has not been used for a minute.
 * </ul>
 * The branch tried first is the one the last answer suggests; when both conditions fail the item is read
 * to tell a rate conflict (refused with {@link RateConflictException}) from a race (retried).
 */
public final class DynamoSlotStore implements SlotStore {
    /** Partition key attribute of the pacer table. */
    public static final String KEY = io.tdnet.model.Names.PACER_KEY;
    static final String KEY_VALUE = "tdnet";
    static final String NEXT = "next_us";
    static final String HOLD = "hold_us";
    static final String SHIFT = "shift_us";
    static final String RATE = "rate";
    static final String USED = "used_us";
    /** A schedule with no reservation for this long is idle and takes a new R. */
    public static final Duration IDLE_AFTER = Duration.ofMinutes(1);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private volatile long lastSeenNext;

    public DynamoSlotStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public Reservation reserve(long nowMicros, SlotSpacing spacing, long padMicros) {
        if (padMicros < 0) throw new IllegalArgumentException("negative pad " + padMicros);
        long gap = spacing.spacingMicros() + padMicros;
        String rate = rateText(spacing);
        for (int attempt = 0; ; attempt++) {
            boolean busyFirst = lastSeenNext > nowMicros;
            Reservation slot = busyFirst ? busy(nowMicros, gap, rate) : idle(nowMicros, gap, rate);
            if (slot == null) slot = busyFirst ? idle(nowMicros, gap, rate) : busy(nowMicros, gap, rate);
            if (slot != null) return slot;
            Map<String, AttributeValue> item = read();
            String stored = item.containsKey(RATE) ? item.get(RATE).n() : null;
            long used = item.containsKey(USED) ? Long.parseLong(item.get(USED).n()) : 0;
            if (stored != null && !sameRate(stored, rate)) {
                if (used >= nowMicros - IDLE_AFTER.toNanos() / 1_000) {
                    throw new RateConflictException(Double.parseDouble(stored), spacing.rate().perSecond());
                }
                adoptRate(stored, used, rate);
            }
            lastSeenNext = item.containsKey(NEXT) ? Long.parseLong(item.get(NEXT).n()) : 0;
            if (attempt > 100) throw new IllegalStateException("could not reserve a slot in " + table + " after 100 races");
        }
    }

    // ALL_OLD: the item is five numbers, and its hold_us and shift_us spare a sender near its slot the read
    private Reservation busy(long now, long gap, String rate) {
        try {
            var answer = dynamoDb.updateItem(b -> b.tableName(table).key(key())
                    .updateExpression("SET " + NEXT + " = " + NEXT + " + :sp, " + USED + " = :now, " + RATE + " = :rate")
                    .conditionExpression(NEXT + " > :now AND (attribute_not_exists(" + RATE + ") OR " + RATE + " = :rate)")
                    .expressionAttributeValues(Map.of(":sp", n(gap), ":now", n(now), ":rate", nText(rate)))
                    .returnValues(ReturnValue.ALL_OLD));
            long slot = Long.parseLong(answer.attributes().get(NEXT).n());
            lastSeenNext = slot + gap;
            return new Reservation(slot, pushes(answer.attributes()));
        } catch (ConditionalCheckFailedException notBusy) {
            return null;
        }
    }

    private Reservation idle(long now, long gap, String rate) {
        long idleBefore = now - IDLE_AFTER.toNanos() / 1_000;
        try {
            var answer = dynamoDb.updateItem(b -> b.tableName(table).key(key())
                    .updateExpression("SET " + NEXT + " = :next, " + USED + " = :now, " + RATE + " = :rate")
                    .conditionExpression("attribute_not_exists(" + NEXT + ") OR (" + NEXT + " <= :now AND ("
                            + "attribute_not_exists(" + RATE + ") OR " + RATE + " = :rate OR " + USED + " < :idle))")
                    .expressionAttributeValues(Map.of(":next", n(now + gap), ":now", n(now),
                            ":rate", nText(rate), ":idle", n(idleBefore)))
                    .returnValues(ReturnValue.ALL_OLD));
            lastSeenNext = now + gap;
            return new Reservation(now, pushes(answer.attributes()));
        } catch (ConditionalCheckFailedException notIdle) {
            return null;
        }
    }

    private static Pushes pushes(Map<String, AttributeValue> item) {
        return new Pushes(number(item, HOLD), number(item, SHIFT));
    }

    private static long number(Map<String, AttributeValue> item, String attribute) {
        return item != null && item.containsKey(attribute) ? Long.parseLong(item.get(attribute).n()) : 0;
    }

    /** An idle schedule (pushed into the future, so the idle branch cannot apply) takes the new R. */
    private void adoptRate(String stored, long used, String rate) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key())
                    .updateExpression("SET " + RATE + " = :rate")
                    .conditionExpression(RATE + " = :old AND " + USED + " = :used")
                    .expressionAttributeValues(Map.of(":rate", nText(rate), ":old", nText(stored), ":used", n(used))));
        } catch (ConditionalCheckFailedException raced) {
            // another process changed the schedule meanwhile; the next round reads it again
        }
    }

    @Override
    public void hold(long untilMicros) {
        conditionalSet(HOLD, untilMicros);
        conditionalSet(NEXT, untilMicros);
        lastSeenNext = Math.max(lastSeenNext, untilMicros);
    }

    private void conditionalSet(String attribute, long value) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key())
                    .updateExpression("SET " + attribute + " = :v")
                    .conditionExpression("attribute_not_exists(" + attribute + ") OR " + attribute + " < :v")
                    .expressionAttributeValues(Map.of(":v", n(value))));
        } catch (ConditionalCheckFailedException alreadyLater) {
            // a later push-back is already in place
        }
    }

    // ADD moves next and the shift together; a schedule nobody has reserved in has no slot to keep
    @Override
    public Pushes shift(long micros) {
        if (micros <= 0) throw new IllegalArgumentException("a shift must be positive: " + micros);
        var answer = dynamoDb.updateItem(b -> b.tableName(table).key(key())
                .updateExpression("ADD " + SHIFT + " :s, " + NEXT + " :s")
                .conditionExpression("attribute_exists(" + NEXT + ")")
                .expressionAttributeValues(Map.of(":s", n(micros)))
                .returnValues(ReturnValue.ALL_NEW));
        lastSeenNext = number(answer.attributes(), NEXT);
        return pushes(answer.attributes());
    }

    @Override
    public Pushes pushes() {
        return pushes(dynamoDb.getItem(b -> b.tableName(table).key(key()).consistentRead(true)
                .projectionExpression(HOLD + ", " + SHIFT)).item());
    }

    private Map<String, AttributeValue> read() {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key()).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    private static Map<String, AttributeValue> key() {
        return Map.of(KEY, AttributeValue.fromS(KEY_VALUE));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static AttributeValue nText(String number) {
        return AttributeValue.fromN(number);
    }

    private static String rateText(SlotSpacing spacing) {
        return java.math.BigDecimal.valueOf(spacing.rate().perSecond()).stripTrailingZeros().toPlainString();
    }

    private static boolean sameRate(String stored, String asked) {
        return new java.math.BigDecimal(stored).compareTo(new java.math.BigDecimal(asked)) == 0;
    }
}
