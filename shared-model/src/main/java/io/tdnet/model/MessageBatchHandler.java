package io.tdnet.model;

import java.util.List;

/**
 * A queue consumer's service: the Lambda handler and the local worker loop both call it, so the
 * same code runs in both places. Implementations must be idempotent per message.
 */
@FunctionalInterface
public interface MessageBatchHandler {
    BatchOutcome handle(List<QueueMessage> batch);
}
