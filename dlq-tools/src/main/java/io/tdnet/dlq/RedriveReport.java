package io.tdnet.dlq;

import java.util.List;

/**
 * What a redrive did.
 *
 * @param moved every message moved back (a dry run: every message that would move). For a move task
 *     this is the DLQ's content read just before the task started: SQS does not say which messages a
 *     task moved, only how many ({@link #moveTasks()})
 * @param examined DLQ messages looked at
 * @param leftInPlace messages that did not match and were made visible again
 * @param moveTasks the SQS move tasks used (empty when moving message by message)
 */
public record RedriveReport(boolean dryRun, List<MovedMessage> moved, int examined, int leftInPlace,
                            List<MoveTaskResult> moveTasks) {

    public RedriveReport {
        moved = List.copyOf(moved);
        moveTasks = List.copyOf(moveTasks);
    }

    /** Every move task reached COMPLETED (trivially true when none was used). */
    public boolean moveTasksCompleted() {
        return moveTasks.stream().allMatch(MoveTaskResult::completed);
    }
}
