package io.tdnet.model;

import java.util.List;

/**
 * A queue consumer's service: the Lambda handler and the local worker loop both call it, so the
 * same code runs in both places. Implementations must be idempotent per message.
 */
@FunctionalInterface
public interface MessageBatchHandler {
    BatchOutcome handle(List<QueueMessage> batch);

    /**
     * Handles the batch within {@code timeLeft}: a handler whose messages may take long leaves those it
     * cannot finish in the time left for redelivery. By default the time is not looked at.
     */
    default BatchOutcome handle(List<QueueMessage> batch, TimeLeft timeLeft) {
        return handle(batch);
    }
}
