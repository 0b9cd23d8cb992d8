package io.tdnet.reconciler;

import io.tdnet.model.DisclosureId;
import io.tdnet.model.JsonCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Which outcomes have a message in a DLQ. The DLQs have no consumer, so reading them is safe: every
 * message is received with a short visibility timeout and let go again at once (visibility 0); nothing
 * is deleted and the copies stay redrivable.
 */
public final class DeadLetterScan {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterScan.class);
    /** Long enough to read a DLQ of thousands without seeing a message twice; let go at the end anyway. */
    private static final int HOLD_SECONDS = 60;

    /** A dead-lettered message's outcome row. */
    public record Key(String executionId, DisclosureId disclosureId) {}

    private final SqsClient sqs;
    private final String downloadDlqUrl;
    private final String persistDlqUrl;
    private final JsonCodec codec = new JsonCodec();

    public DeadLetterScan(SqsClient sqs, String downloadDlqUrl, String persistDlqUrl) {
        this.sqs = sqs;
        this.downloadDlqUrl = downloadDlqUrl;
        this.persistDlqUrl = persistDlqUrl;
    }

    /** The outcomes both DLQs hold a message of (unreadable bodies are skipped: they name no outcome). */
    public Set<Key> deadLettered() {
        Set<Key> keys = new HashSet<>();
        scan(downloadDlqUrl, body -> {
            var m = codec.decodeDownload(body);
            return new Key(m.executionId(), m.disclosure().disclosureId());
        }, keys);
        scan(persistDlqUrl, body -> {
            var m = codec.decodePersist(body);
            return new Key(m.executionId(), m.disclosure().disclosureId());
        }, keys);
        return keys;
    }

    private void scan(String queueUrl, Function<String, Key> read, Set<Key> keys) {
        List<Message> held = new ArrayList<>();
        try {
            while (true) {
                // a 1 s wait makes SQS ask every server, not a sample of them
                List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .visibilityTimeout(HOLD_SECONDS).waitTimeSeconds(1)).messages();
                if (batch.isEmpty()) break;
                for (Message message : batch) {
                    held.add(message);
                    try {
                        keys.add(read.apply(message.body()));
                    } catch (RuntimeException e) {
                        log.debug("DLQ message {} names no outcome: {}", message.messageId(), e.toString());
                    }
                }
            }
        } finally {
            letGo(queueUrl, held);
        }
    }

    private void letGo(String queueUrl, List<Message> held) {
        for (int i = 0; i < held.size(); i += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            List<Message> chunk = held.subList(i, Math.min(i + 10, held.size()));
            for (int j = 0; j < chunk.size(); j++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(j))
                        .receiptHandle(chunk.get(j).receiptHandle()).visibilityTimeout(0).build());
            }
            try {
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
            } catch (RuntimeException e) {
                // the hold expires by itself; the copies are never lost
                log.warn("could not let go of {} DLQ message(s) at once ({}); they reappear within {} s",
                        entries.size(), e.toString(), HOLD_SECONDS);
            }
        }
    }
}
