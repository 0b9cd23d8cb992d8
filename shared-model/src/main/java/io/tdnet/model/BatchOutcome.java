package io.tdnet.model;

import java.util.List;
import java.util.Set;

/**
 * What a service did with a batch: the ids in {@code retry} stay in the queue (SQS redelivers them
 * after their visibility timeout); every other message of the batch is done and may be deleted.
 */
public record BatchOutcome(Set<String> retry) {
    public BatchOutcome {
        retry = Set.copyOf(retry);
    }

    public static BatchOutcome allDone() {
        return new BatchOutcome(Set.of());
    }

    public boolean isDone(QueueMessage message) {
        return !retry.contains(message.messageId());
    }

    public List<QueueMessage> done(List<QueueMessage> batch) {
        return batch.stream().filter(this::isDone).toList();
    }
}
