package io.tdnet.persister;

import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.Transition;
import io.tdnet.ledger.UnknownOutcomeException;
import io.tdnet.model.BatchOutcome;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.MessageBatchHandler;
import io.tdnet.model.Names;
import io.tdnet.model.PersistMessage;
import io.tdnet.model.QueueMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Consumes persist-queue messages: each one moves one outcome in the {@link ExecutionLedger}
 * (stored, already present, or failed with its reason). Every effect is conditional on the outcome's
 * current state, so redelivery is harmless. A message that cannot be read, or that names a
 * disclosure its execution never listed, goes to the persist DLQ with the reason; anything else that
 * goes wrong (DynamoDB throttling after the SDK's retries) leaves the message for SQS to redeliver.
 */
public final class PersistWorker implements MessageBatchHandler {
    private static final Logger log = LoggerFactory.getLogger(PersistWorker.class);

    /** Told about every outcome this worker recorded (metrics, progress). */
    @FunctionalInterface
    public interface OutcomeListener {
        void recorded(PersistMessage message, Transition transition);

        OutcomeListener NONE = (message, transition) -> {};
    }

    private final ExecutionLedger ledger;
    private final SqsClient sqs;
    private final String persistQueueUrl;
    private final String persistDlqUrl;
    private final OutcomeListener listener;
    private final Clock clock;
    private final JsonCodec codec = new JsonCodec();

    public PersistWorker(ExecutionLedger ledger, SqsClient sqs, String persistQueueUrl, String persistDlqUrl,
                         OutcomeListener listener, Clock clock) {
        this.ledger = ledger;
        this.sqs = sqs;
        this.persistQueueUrl = persistQueueUrl;
        this.persistDlqUrl = persistDlqUrl;
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public BatchOutcome handle(List<QueueMessage> batch) {
        Set<String> retry = new HashSet<>();
        Map<String, List<Decoded>> byExecution = new LinkedHashMap<>();
        for (QueueMessage message : batch) {
            try {
                PersistMessage persist = codec.decodePersist(message.body());
                byExecution.computeIfAbsent(persist.executionId(), e -> new ArrayList<>()).add(new Decoded(message, persist));
            } catch (JsonCodec.MalformedMessageException e) {
                if (!deadLetter(message, e.getMessage())) retry.add(message.messageId());
            }
        }
        byExecution.forEach((executionId, messages) -> {
            // The batch's token marks what it moved: if it throws after committing, the one-by-one
            // fallback below answers DUPLICATE, and the token tells that apart from a real duplicate.
            String batchToken = UUID.randomUUID().toString();
            Batch together = recordedTogether(executionId, messages, batchToken);
            if (together == Batch.RECORDED) return;
            boolean recovered = false;
            for (Decoded decoded : messages) {
                Handled handled = process(decoded.message(), decoded.persist(), together == Batch.UNKNOWN ? batchToken : null);
                if (handled == Handled.RETRY) retry.add(decoded.message().messageId());
                if (handled == Handled.RECOVERED) recovered = true;
            }
            if (recovered) settleQuietly(executionId);
        });
        return new BatchOutcome(retry);
    }

    private record Decoded(QueueMessage message, PersistMessage persist) {}

    /** What the batch attempt did. */
    private enum Batch {
        RECORDED,
        /** changed nothing (or not tried): record one by one */
        REFUSED,
        /** threw: it may have committed */
        UNKNOWN
    }

    /** What became of one message on the one-by-one path. */
    private enum Handled {
        DONE,
        /** its own batch transaction had recorded it (the batch threw after committing) */
        RECOVERED,
        /** leave it in the queue for a later attempt */
        RETRY
    }

    /** The fast path: a batch of first deliveries of one execution in a single ledger transaction. */
    private Batch recordedTogether(String executionId, List<Decoded> messages, String batchToken) {
        if (messages.size() < 2) return Batch.REFUSED;
        // an XBRL verdict has its own conditional items (and a possible recovery): recorded one by one
        if (messages.stream().anyMatch(d -> d.persist().hasXbrlVerdict())) return Batch.REFUSED;
        List<ExecutionLedger.OutcomeUpdate> updates = messages.stream()
                .map(d -> new ExecutionLedger.OutcomeUpdate(d.persist().disclosure(), d.persist().pdf(), d.persist().failureReason()))
                .toList();
        try {
            if (!ledger.tryRecordAllPending(executionId, updates, batchToken)) return Batch.REFUSED;
        } catch (RuntimeException e) {
            log.debug("batch of {} not recorded together ({}), one by one instead", messages.size(), e.toString());
            return Batch.UNKNOWN;
        }
        for (Decoded d : messages) {
            Transition transition = d.persist().isFailure() ? Transition.FAILED : Transition.STORED;
            MDC.put("execution_id", executionId);
            MDC.put("disclosure_id", d.persist().disclosure().disclosureId().value());
            if (transition == Transition.FAILED) {
                log.info("recorded FAILED: {}", d.persist().failureReason());
            } else {
                log.debug("recorded STORED (with {} others in one transaction)", messages.size() - 1);
            }
            MDC.remove("disclosure_id");
            MDC.remove("execution_id");
            listener.recorded(d.persist(), transition);
        }
        return Batch.RECORDED;
    }

    /** Records one outcome; {@code batchToken} is the batch attempt that came first (null: none). */
    private Handled process(QueueMessage message, PersistMessage persist, String batchToken) {
        MDC.put("execution_id", persist.executionId());
        MDC.put("disclosure_id", persist.disclosure().disclosureId().value());
        try {
            Transition transition = persist.isFailure()
                    ? ledger.recordFailed(persist.executionId(), persist.disclosure().disclosureId(), persist.failureReason())
                    : ledger.recordStored(persist.executionId(), persist.disclosure(), persist.pdf(), persist.xbrl(),
                            persist.xbrlFailureReason());
            if (transition == Transition.DUPLICATE && batchToken != null
                    && ledger.recordedBy(persist.executionId(), persist.disclosure().disclosureId(), batchToken)) {
                // this delivery's own batch moved it (its caller never heard): count it as what it was, once
                Transition recorded = persist.isFailure() ? Transition.FAILED : Transition.STORED;
                log.debug("recorded {} by this delivery's batch transaction", recorded);
                listener.recorded(persist, recorded);
                return Handled.RECOVERED;
            }
            if (transition == Transition.DUPLICATE) {
                log.debug("duplicate delivery, outcome already final");
            } else if (transition == Transition.FAILED) {
                log.info("recorded FAILED: {}", persist.failureReason());
            } else {
                log.debug("recorded {}", transition);
            }
            listener.recorded(persist, transition);
            return Handled.DONE;
        } catch (UnknownOutcomeException e) {
            return deadLetter(message, e.getMessage()) ? Handled.DONE : Handled.RETRY;
        } catch (RuntimeException e) {
            log.warn("could not record the outcome, leaving the message for redelivery: {}", e.toString());
            return Handled.RETRY;
        } finally {
            MDC.remove("execution_id");
            MDC.remove("disclosure_id");
        }
    }

    /** A batch that committed but threw may not have settled its execution; try again, leave it to the next transition otherwise. */
    private void settleQuietly(String executionId) {
        try {
            ledger.settleIfDone(executionId);
        } catch (RuntimeException e) {
            log.warn("execution {} not settled after a recovered batch ({}); the next outcome or the reconciler settles it",
                    executionId, e.toString());
        }
    }

    private boolean deadLetter(QueueMessage message, String reason) {
        try {
            sqs.sendMessage(b -> b.queueUrl(persistDlqUrl).messageBody(message.body()).messageAttributes(Map.of(
                    Names.ATTR_FAILURE_REASON, text(reason),
                    Names.ATTR_FIRST_FAILURE_AT, text(clock.instant().toString()),
                    Names.ATTR_SOURCE_QUEUE, text(persistQueueUrl))));
            log.warn("persist message {} moved to the DLQ: {}", message.messageId(), reason);
            return true;
        } catch (RuntimeException e) {
            log.warn("could not move message {} to the DLQ, leaving it: {}", message.messageId(), e.toString());
            return false;
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
