package io.tdnet.ledger;

import static io.tdnet.model.Attributes.OUTCOME_PREFIX;

import io.tdnet.model.DisclosureId;
import io.tdnet.model.IsoTime;
import io.tdnet.model.Outcome;
import io.tdnet.model.StoredXbrl;
import io.tdnet.model.Tdnet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The one XBRL transition that happens apart from the PDF's: a disclosure whose PDF outcome is final
 * (STORED or ALREADY_PRESENT) and whose XBRL FAILED gets its XBRL on a later delivery (a redrive). In one
 * transaction: the outcome row's {@code xbrl_outcome} FAILED → STORED (or ALREADY_PRESENT when the
 * disclosure item has an XBRL already), one count from {@code xbrl_failed} to the new counter, and the
 * XBRL set on the existing disclosure item. Conditional on the row's XBRL being FAILED, so a duplicate
 * changes nothing; the caller settles (an execution settled with failures becomes COMPLETED).
 */
final class XbrlRecovery {
    private static final Logger log = LoggerFactory.getLogger(XbrlRecovery.class);
    private static final int ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final TransitionItems items;
    private final String disclosuresTable;
    private final Clock clock;

    XbrlRecovery(DynamoDbClient dynamo, TransitionItems items, String disclosuresTable, Clock clock) {
        this.dynamo = dynamo;
        this.items = items;
        this.disclosuresTable = disclosuresTable;
        this.clock = clock;
    }

    /** Returns whether this call moved the XBRL outcome (false: it was not FAILED, nothing changed). */
    boolean heal(String executionId, DisclosureId id, StoredXbrl xbrl) {
        boolean present = false;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Outcome target = present ? Outcome.ALREADY_PRESENT : Outcome.STORED;
            OffsetDateTime now = OffsetDateTime.now(clock.withZone(Tdnet.JST)).truncatedTo(ChronoUnit.MILLIS);
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(items.xbrlRecoveryUpdate(executionId, OUTCOME_PREFIX + id.value(), target, now));
            writes.add(items.xbrlRecoveryCounter(executionId, target, now));
            if (!present) writes.add(items.xbrlOnDisclosure(disclosuresTable, id, xbrl));
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                log.info("XBRL of {} recorded {} (was FAILED) at {}", id, target, IsoTime.format(now));
                return true;
            } catch (TransactionCanceledException e) {
                var reasons = e.cancellationReasons();
                if (isConditionFailure(reasons.get(0))) return false; // not FAILED: a duplicate
                if (!present && isConditionFailure(reasons.get(2))) {
                    present = true; // the item has an XBRL already (or is gone): count it present
                }
            }
        }
        throw new IllegalStateException("could not record the XBRL of " + id + " after " + ATTEMPTS + " attempts");
    }

    private static boolean isConditionFailure(software.amazon.awssdk.services.dynamodb.model.CancellationReason r) {
        return r != null && "ConditionalCheckFailed".equals(r.code());
    }
}
