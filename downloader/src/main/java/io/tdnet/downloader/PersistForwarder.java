package io.tdnet.downloader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The persist messages of one download batch, sent together with SendMessageBatch (ten entries a call)
 * instead of one SendMessage each. Used for one batch and then {@link #finish() finished}: the worker
 * reports a source message done only if its persist message was sent, so a crash before the send
 * means redelivery of the source (idempotent: the document is found stored), never a lost outcome.
 * The batch is sent when it is full, when the next entry finds the oldest one held {@code maxHold}
 * or longer (a slow batch sends its outcomes in several calls rather than late), and at the end of
 * the batch. Thread-safe.
 */
final class PersistForwarder {
    private static final Logger log = LoggerFactory.getLogger(PersistForwarder.class);
    /** SQS's limit of entries per SendMessageBatch. */
    static final int MAX_ENTRIES = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final Clock clock;
    private final Duration maxHold;
    /** Source message id and persist body, in order; the batch entry id is the index. */
    private final List<String[]> pending = new ArrayList<>();
    private final Set<String> unsent = new HashSet<>();
    private Instant oldest;

    PersistForwarder(SqsClient sqs, String queueUrl, Clock clock, Duration maxHold) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.clock = clock;
        this.maxHold = maxHold;
    }

    /** Queues {@code body} as the persist message of source message {@code sourceMessageId}. */
    synchronized void add(String sourceMessageId, String body) {
        if (pending.isEmpty()) oldest = clock.instant();
        pending.add(new String[] {sourceMessageId, body});
        if (pending.size() >= MAX_ENTRIES || !clock.instant().isBefore(oldest.plus(maxHold))) send();
    }

    /** Sends what is pending; returns the source messages whose persist message could not be sent. */
    synchronized Set<String> finish() {
        if (!pending.isEmpty()) send();
        return Set.copyOf(unsent);
    }

    private void send() {
        List<String[]> held = List.copyOf(pending);
        pending.clear();
        // Entry ids are the index: SQS allows only [A-Za-z0-9_-] there, and unique within the call.
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(held.get(i)[1]).build());
        }
        try {
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (response.hasFailed()) {
                response.failed().forEach(f -> {
                    String source = held.get(Integer.parseInt(f.id()))[0];
                    log.warn("persist message of {} not sent ({} {}); its download message is left for redelivery",
                            source, f.code(), f.message());
                    unsent.add(source);
                });
            }
        } catch (RuntimeException e) {
            log.warn("{} persist messages not sent ({}); their download messages are left for redelivery",
                    held.size(), e.toString());
            held.forEach(h -> unsent.add(h[0]));
        }
    }
}
