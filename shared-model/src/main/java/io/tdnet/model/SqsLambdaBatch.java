package io.tdnet.model;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQS Lambda event source on one side, {@link MessageBatchHandler} on the other: converts the event
 * to {@link QueueMessage}s and the handler's {@link BatchOutcome} to partial batch failures. Both queue
 * consumers' Lambdas use it, so they read an event the same way.
 */
public final class SqsLambdaBatch {
    private SqsLambdaBatch() {}

    /** Runs the handler on the event's records and reports the messages to retry. */
    public static SQSBatchResponse handle(SQSEvent event, MessageBatchHandler handler) {
        return handle(event, handler, TimeLeft.UNBOUNDED);
    }

    /** As {@link #handle(SQSEvent, MessageBatchHandler)}, within the invocation's remaining time. */
    public static SQSBatchResponse handle(SQSEvent event, MessageBatchHandler handler, TimeLeft timeLeft) {
        List<QueueMessage> batch = new ArrayList<>();
        if (event != null && event.getRecords() != null) {
            for (SQSEvent.SQSMessage record : event.getRecords()) batch.add(toQueueMessage(record));
        }
        BatchOutcome outcome = handler.handle(batch, timeLeft);
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (QueueMessage message : batch) {
            if (!outcome.isDone(message)) failures.add(new SQSBatchResponse.BatchItemFailure(message.messageId()));
        }
        return new SQSBatchResponse(failures);
    }

    public static QueueMessage toQueueMessage(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = new HashMap<>();
        if (record.getMessageAttributes() != null) {
            record.getMessageAttributes().forEach((name, value) -> {
                if (value != null && value.getStringValue() != null) attributes.put(name, value.getStringValue());
            });
        }
        int receiveCount = 1;
        String count = record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount");
        if (count != null) {
            try {
                receiveCount = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                // keep 1: the retry schedule then starts from its shortest timeout
            }
        }
        return new QueueMessage(record.getMessageId(), record.getReceiptHandle(), record.getBody(), receiveCount, attributes);
    }
}
