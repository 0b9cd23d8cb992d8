package io.tdnet.dlq;

import static org.awaitility.Awaitility.await;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.Names;
import io.tdnet.model.PipelineResources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Fills the embedded DLQs the way the pipeline does, and reads queues back for assertions. */
final class DlqFixture {
    static final DlqSettings FAST = DlqSettings.defaults()
            .withHoldTimeout(Duration.ofSeconds(30))
            .withMoveTaskPoll(Duration.ofMillis(100));
    static final DlqSettings NO_WAIT = new DlqSettings(Duration.ofSeconds(30), Duration.ZERO, 100_000,
            Duration.ofMillis(100), Duration.ofMinutes(1));

    final SqsClient sqs;
    final PipelineResources resources;

    DlqFixture(EmbeddedAwsStack stack) {
        this.sqs = stack.sqs();
        this.resources = stack.resources();
    }

    DeadLetterQueues service() {
        return new DeadLetterQueues(sqs, resources, NO_WAIT, Clock.systemUTC(), MoveCheckpoint.none());
    }

    DeadLetterQueues service(MoveCheckpoint checkpoint) {
        return new DeadLetterQueues(sqs, resources, NO_WAIT, Clock.systemUTC(), checkpoint);
    }

    /** What the downloader does with a permanent failure: the original body plus the three attributes. */
    String failDownload(String id, LocalDate date, String reason, Instant firstFailure) {
        return sendToDlq(resources.downloadDlqUrl(), TestLetters.downloadBody("exec-" + date, id, date),
                reason, firstFailure, resources.downloadQueueUrl());
    }

    String sendToDlq(String dlqUrl, String body, String reason, Instant firstFailure, String sourceQueue) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        if (reason != null) attributes.put(Names.ATTR_FAILURE_REASON, text(reason));
        if (firstFailure != null) attributes.put(Names.ATTR_FIRST_FAILURE_AT, text(firstFailure.toString()));
        if (sourceQueue != null) attributes.put(Names.ATTR_SOURCE_QUEUE, text(sourceQueue));
        return sqs.sendMessage(b -> b.queueUrl(dlqUrl).messageBody(body).messageAttributes(attributes)).messageId();
    }

    /**
     * A persist message that SQS itself moves to the persist DLQ: received (and never deleted) until the
     * queue's redrive policy gives up on it. It carries no failure reason.
     */
    void exhaustPersist(String id, LocalDate date) {
        String queue = resources.persistQueueUrl();
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody(TestLetters.persistBody("exec-" + date, id, date)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            sqs.receiveMessage(b -> b.queueUrl(queue).visibilityTimeout(0).maxNumberOfMessages(10));
            return depth(resources.persistDlqUrl()) == 1;
        });
    }

    long visible(String queueUrl) {
        return attribute(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
    }

    long inFlight(String queueUrl) {
        return attribute(queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    long depth(String queueUrl) {
        return visible(queueUrl) + inFlight(queueUrl);
    }

    private long attribute(String queueUrl, QueueAttributeName name) {
        return Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(name)).attributes().get(name));
    }

    /** Consumes every visible message of a queue (test-side only: source queues after a redrive). */
    List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(60).messageAttributeNames("All")).messages();
            if (batch.isEmpty()) return all;
            all.addAll(batch);
            for (Message m : batch) sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
        }
    }

    /** Receives every visible message of a queue with a short visibility, without deleting (peek check). */
    int receiveVisibleCount(String queueUrl) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(5)).messages();
            if (batch.isEmpty()) return ids.size();
            batch.forEach(m -> ids.add(m.messageId()));
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
