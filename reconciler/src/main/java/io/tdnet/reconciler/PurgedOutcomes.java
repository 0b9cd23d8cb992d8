package io.tdnet.reconciler;

import io.tdnet.dlq.DeadLetter;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.Transition;
import io.tdnet.ledger.UnknownOutcomeException;
import io.tdnet.model.DisclosureId;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code tdnet dlq purge} does with each message before it deletes it: records its outcome
 * FAILED {@link GoneReason#PURGED} (a PENDING outcome is counted and the execution settles; a FAILED
 * one keeps its count and says what became of its message). A body naming no outcome is deleted as is.
 */
public final class PurgedOutcomes implements Consumer<DeadLetter> {
    private static final Logger log = LoggerFactory.getLogger(PurgedOutcomes.class);

    private final ExecutionLedger ledger;

    public PurgedOutcomes(ExecutionLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void accept(DeadLetter letter) {
        if (!letter.readable() || letter.executionId() == null || letter.disclosureId() == null) return;
        try {
            Transition transition = ledger.recordGone(letter.executionId(), new DisclosureId(letter.disclosureId()),
                    GoneReason.PURGED.reason());
            log.info("purged {} of execution {}: {}", letter.disclosureId(), letter.executionId(), transition);
        } catch (UnknownOutcomeException e) {
            // an execution that never listed it (expired, or a hand-made message): nothing to record
            log.info("purged {}: {}", letter.disclosureId(), e.getMessage());
        }
    }
}
