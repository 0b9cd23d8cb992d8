package io.tdnet.ledger;

import static io.tdnet.ledger.Items.n;
import static io.tdnet.ledger.Items.s;
import static io.tdnet.ledger.TransitionItems.names;
import static io.tdnet.model.Attributes.*;

import io.tdnet.model.DisclosureId;
import io.tdnet.model.IsoTime;
import io.tdnet.model.Outcome;
import io.tdnet.model.Tdnet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The downloader's only write to the executions table: the count and time of a message's failed
 * attempts on its PENDING outcome row, so the reconciler can tell a message that is still being
 * retried from one that can no longer arrive. Touches two attributes of a PENDING row and nothing
 * else (the stack's IAM condition allows exactly these attributes).
 */
public final class DownloadAttempts {
    /** Every attribute this class names in a request: the stack restricts the downloader's UpdateItem to them. */
    public static final java.util.List<String> ATTRIBUTES = java.util.List.of(EXECUTION_ID, ENTRY, OUTCOME, ATTEMPTS, LAST_ATTEMPT_AT);

    private final DynamoDbClient dynamo;
    private final String executionsTable;
    private final Clock clock;

    public DownloadAttempts(DynamoDbClient dynamo, String executionsTable, Clock clock) {
        this.dynamo = dynamo;
        this.executionsTable = executionsTable;
        this.clock = clock;
    }

    /**
     * Records that delivery {@code receiveCount} of the message failed now. False when the row is not
     * PENDING (already decided, or never listed): nothing is written then.
     */
    public boolean failed(String executionId, DisclosureId id, int receiveCount) {
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(Tdnet.JST)).truncatedTo(ChronoUnit.MILLIS);
        try {
            dynamo.updateItem(b -> b.tableName(executionsTable).key(Items.outcomeKey(executionId, id))
                    .updateExpression("SET #attempts = :count, #last = :now")
                    .conditionExpression("#outcome = :pending")
                    .expressionAttributeNames(names("#attempts", ATTEMPTS, "#last", LAST_ATTEMPT_AT, "#outcome", OUTCOME))
                    .expressionAttributeValues(Map.of(":count", n(receiveCount), ":now", s(IsoTime.format(now)),
                            ":pending", s(Outcome.PENDING.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
