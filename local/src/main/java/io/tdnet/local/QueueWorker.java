package io.tdnet.local;

import io.tdnet.model.BatchOutcome;
import io.tdnet.model.MessageBatchHandler;
import io.tdnet.model.QueueMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The local stand-in for Lambda's SQS event source: long-polls a queue in batches of ten, hands each
 * batch to the same service the Lambda handler calls, and deletes what the service finished. Messages
 * it reports for retry stay in the queue and come back after their visibility timeout, as on AWS. Like
 * an event source with a batching window, it may hand over several full receives at once when the
 * queue has a backlog ({@code maxReceives}).
 */
final class QueueWorker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);
    /** SQS's limit of entries per DeleteMessageBatch. */
    private static final int MAX_DELETES = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final MessageBatchHandler handler;
    private final int batchSize;
    private final int maxReceives;
    private volatile boolean running = true;

    QueueWorker(SqsClient sqs, String queueUrl, MessageBatchHandler handler, int batchSize) {
        this(sqs, queueUrl, handler, batchSize, 1);
    }

    /**
     * @param maxReceives how many full receives one hand-off may gather: when the first receive comes back
     *     full (a backlog), up to {@code maxReceives - 1} more are made at once, without waiting, and the
     *     handler gets them together
     */
    QueueWorker(SqsClient sqs, String queueUrl, MessageBatchHandler handler, int batchSize, int maxReceives) {
        if (maxReceives < 1) throw new IllegalArgumentException("maxReceives must be ≥ 1: " + maxReceives);
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handler = handler;
        this.batchSize = batchSize;
        this.maxReceives = maxReceives;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (!running) return;
                log.warn("worker on {} hit {}, polling again", queueUrl, e.toString());
                pause();
            }
        }
    }

    private void pollOnce() {
        List<Message> received = new ArrayList<>(receive(1));
        for (int n = 1; n < maxReceives && received.size() == n * batchSize; n++) received.addAll(receive(0));
        if (received.isEmpty()) return;
        List<QueueMessage> batch = received.stream().map(QueueWorker::toQueueMessage).toList();
        BatchOutcome outcome = handler.handle(batch);
        List<DeleteMessageBatchRequestEntry> deletes = outcome.done(batch).stream()
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        for (int i = 0; i < deletes.size(); i += MAX_DELETES) {
            List<DeleteMessageBatchRequestEntry> chunk = deletes.subList(i, Math.min(i + MAX_DELETES, deletes.size()));
            var response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(chunk));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                // harmless: the message comes back and every consumer is idempotent
                log.debug("{} deletes failed on {}", response.failed().size(), queueUrl);
            }
        }
    }

    private List<Message> receive(int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .messageAttributeNames("All")).messages();
    }

    static QueueMessage toQueueMessage(Message message) {
        Map<String, String> attributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> {
            if (value.stringValue() != null) attributes.put(name, value.stringValue());
        });
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new QueueMessage(message.messageId(), message.receiptHandle(), message.body(),
                count == null ? 1 : Integer.parseInt(count), attributes);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
