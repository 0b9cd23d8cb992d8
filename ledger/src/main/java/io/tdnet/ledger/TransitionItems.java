package io.tdnet.ledger;

import static io.tdnet.ledger.Items.n;
import static io.tdnet.ledger.Items.s;
import static io.tdnet.model.Attributes.*;

import io.tdnet.model.Attributes;

import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.IsoTime;
import io.tdnet.model.Outcome;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The conditional writes a transition is made of, built without I/O: an outcome row moving from the
 * state it must be in, and the counter ADD that moves with it in the same transaction.
 */
final class TransitionItems {
    private final String executionsTable;

    TransitionItems(String executionsTable) {
        this.executionsTable = executionsTable;
    }

    Map<String, AttributeValue> outcomeRow(String executionId, String entry, Outcome outcome, String reason,
                                           OffsetDateTime now) {
        Map<String, AttributeValue> item = new HashMap<>(Items.outcomeKey(executionId, entry));
        item.put(OUTCOME, s(outcome.name()));
        item.put(CHANGED_AT, s(IsoTime.format(now)));
        Items.putIfPresent(item, REASON, reason);
        return item;
    }

    /** {@code expected → target} on one outcome row; on a failed condition the row comes back (ALL_OLD). */
    TransactWriteItem outcomeUpdate(String executionId, String entry, Outcome expected, Outcome target,
                                    String reason, OffsetDateTime now) {
        return outcomeUpdate(executionId, entry, expected, target, reason, now, null);
    }

    /** @param recordedBy the token of the batch that moves the outcome ({@link Attributes#RECORDED_BY}), or null */
    TransactWriteItem outcomeUpdate(String executionId, String entry, Outcome expected, Outcome target,
                                    String reason, OffsetDateTime now, String recordedBy) {
        return outcomeUpdate(executionId, entry, expected, target, reason, now, recordedBy, null, null);
    }

    /**
     * @param xbrl the XBRL's outcome moving with the PDF's ({@link Attributes#XBRL_OUTCOME}), or null
     * @param xbrlReason why the XBRL failed, or null
     */
    TransactWriteItem outcomeUpdate(String executionId, String entry, Outcome expected, Outcome target,
                                    String reason, OffsetDateTime now, String recordedBy, Outcome xbrl, String xbrlReason) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":expected", s(expected.name()));
        values.put(":target", s(target.name()));
        values.put(":now", s(IsoTime.format(now)));
        Map<String, String> names = new HashMap<>(Map.of("#outcome", OUTCOME, "#changed", CHANGED_AT, "#json", DISCLOSURE_JSON));
        String update = "SET #outcome = :target, #changed = :now";
        if (reason != null) {
            update += ", #reason = :reason";
            values.put(":reason", s(reason));
            names.put("#reason", REASON);
        }
        if (recordedBy != null) {
            update += ", #by = :by";
            values.put(":by", s(recordedBy));
            names.put("#by", RECORDED_BY);
        }
        if (xbrl != null) {
            update += ", #xo = :xo";
            values.put(":xo", s(xbrl.name()));
            names.put("#xo", XBRL_OUTCOME);
            if (xbrlReason != null) {
                update += ", #xr = :xr";
                values.put(":xr", s(xbrlReason));
                names.put("#xr", XBRL_REASON);
            }
        }
        // the listed JSON is only needed while PENDING
        update += " REMOVE #json";
        return TransactWriteItem.builder().update(Update.builder().tableName(executionsTable)
                .key(Items.outcomeKey(executionId, entry))
                .updateExpression(update)
                .conditionExpression("#outcome = :expected")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    /** The summary's counters for one outcome moving {@code from → to} (a recovery also takes one from FAILED). */
    TransactWriteItem counterUpdate(String executionId, Outcome from, Outcome to, OffsetDateTime now) {
        return counterUpdate(executionId, from, to, now, null);
    }

    /** @param xbrlTo the XBRL outcome counted with it, or null */
    TransactWriteItem counterUpdate(String executionId, Outcome from, Outcome to, OffsetDateTime now, Outcome xbrlTo) {
        Map<String, String> names = new HashMap<>(Map.of("#to", counterOf(to), "#updated", UPDATED_AT, "#status", STATUS));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", n(1), ":now", s(IsoTime.format(now)),
                ":failedStatus", s(ExecutionStatus.FAILED.name())));
        String update = "ADD #to :one";
        if (from == Outcome.FAILED) {
            names.put("#from", counterOf(from));
            values.put(":minus", n(-1));
            update += ", #from :minus";
        }
        if (xbrlTo != null) {
            names.put("#xto", xbrlCounterOf(xbrlTo));
            update += ", #xto :one";
        }
        update += " SET #updated = :now";
        return TransactWriteItem.builder().update(Update.builder().tableName(executionsTable)
                .key(Items.summaryKey(executionId))
                .updateExpression(update)
                .conditionExpression("attribute_exists(#status) AND #status <> :failedStatus")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values).build()).build();
    }

    /** An XBRL that failed is now stored or found present: one count from xbrl_failed to its new counter. */
    TransactWriteItem xbrlRecoveryCounter(String executionId, Outcome to, OffsetDateTime now) {
        return TransactWriteItem.builder().update(Update.builder().tableName(executionsTable)
                .key(Items.summaryKey(executionId))
                .updateExpression("ADD #to :one, #failed :minus SET #updated = :now")
                .conditionExpression("attribute_exists(#status)")
                .expressionAttributeNames(Map.of("#to", xbrlCounterOf(to), "#failed", XBRL_FAILED, "#updated", UPDATED_AT,
                        "#status", STATUS))
                .expressionAttributeValues(Map.of(":one", n(1), ":minus", n(-1), ":now", s(IsoTime.format(now)))).build()).build();
    }

    /**
     * Sets the XBRL on a disclosure that exists and has none yet: an XBRL write never creates a
     * disclosure item, and never replaces a stored XBRL.
     */
    TransactWriteItem xbrlOnDisclosure(String disclosuresTable, io.tdnet.model.DisclosureId id, io.tdnet.model.StoredXbrl xbrl) {
        return TransactWriteItem.builder().update(Update.builder().tableName(disclosuresTable)
                .key(Items.disclosureKey(id))
                .updateExpression("SET #key = :key, #sha = :sha, #bytes = :bytes")
                .conditionExpression("attribute_exists(#id) AND attribute_not_exists(#sha)")
                .expressionAttributeNames(Map.of("#key", XBRL_S3_KEY, "#sha", XBRL_SHA256, "#bytes", XBRL_BYTES, "#id", DISCLOSURE_ID))
                .expressionAttributeValues(Map.of(":key", s(xbrl.s3Key()), ":sha", s(xbrl.sha256()), ":bytes", n(xbrl.bytes())))
                .build()).build();
    }

    /** The outcome row's XBRL moving FAILED → {@code to}, while its PDF outcome is final. */
    TransactWriteItem xbrlRecoveryUpdate(String executionId, String entry, Outcome to, OffsetDateTime now) {
        return TransactWriteItem.builder().update(Update.builder().tableName(executionsTable)
                .key(Items.outcomeKey(executionId, entry))
                .updateExpression("SET #xo = :to, #changed = :now REMOVE #xr")
                .conditionExpression("#xo = :failed AND (#outcome = :stored OR #outcome = :present)")
                .expressionAttributeNames(Map.of("#xo", XBRL_OUTCOME, "#xr", XBRL_REASON, "#changed", CHANGED_AT, "#outcome", OUTCOME))
                .expressionAttributeValues(Map.of(":to", s(to.name()), ":now", s(IsoTime.format(now)),
                        ":failed", s(Outcome.FAILED.name()), ":stored", s(Outcome.STORED.name()),
                        ":present", s(Outcome.ALREADY_PRESENT.name())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build();
    }

    /** One counter update for a whole batch of PENDING outcomes. */
    TransactWriteItem countersUpdate(String executionId, long stored, long failed, OffsetDateTime now) {
        return TransactWriteItem.builder().update(Update.builder().tableName(executionsTable)
                .key(Items.summaryKey(executionId))
                .updateExpression("ADD #stored :stored, #failed :failed SET #updated = :now")
                .conditionExpression("attribute_exists(#status) AND #status <> :failedStatus")
                .expressionAttributeNames(Map.of("#stored", STORED, "#failed", FAILED, "#updated", UPDATED_AT, "#status", STATUS))
                .expressionAttributeValues(Map.of(":stored", n(stored), ":failed", n(failed), ":now", s(IsoTime.format(now)),
                        ":failedStatus", s(ExecutionStatus.FAILED.name()))).build()).build();
    }

    /** A one-entry {@code status_history} list, to start the history or to append to it. */
    static AttributeValue historyOf(ExecutionStatus status, OffsetDateTime at) {
        return AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(STATUS, s(status.name()), "at", s(IsoTime.format(at))))));
    }

    static Map<String, String> names(String... pairs) {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) names.put(pairs[i], pairs[i + 1]);
        return names;
    }

    private static String xbrlCounterOf(Outcome outcome) {
        return switch (outcome) {
            case STORED -> XBRL_STORED;
            case ALREADY_PRESENT -> XBRL_ALREADY_PRESENT;
            case FAILED -> XBRL_FAILED;
            case IN_FLIGHT, PENDING -> throw new IllegalArgumentException(outcome + " has no XBRL counter");
        };
    }

    private static String counterOf(Outcome outcome) {
        return switch (outcome) {
            case STORED -> STORED;
            case ALREADY_PRESENT -> ALREADY_PRESENT;
            case FAILED -> FAILED;
            case IN_FLIGHT -> IN_FLIGHT;
            case PENDING -> throw new IllegalArgumentException("PENDING has no counter");
        };
    }
}
