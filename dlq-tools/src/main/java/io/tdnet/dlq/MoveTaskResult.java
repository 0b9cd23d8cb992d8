package io.tdnet.dlq;

/**
 * The state of an SQS message move task (StartMessageMoveTask), as ListMessageMoveTasks reports it.
 *
 * @param status RUNNING, COMPLETED, CANCELLING, CANCELLED or FAILED
 * @param moved ApproximateNumberOfMessagesMoved
 * @param toMove ApproximateNumberOfMessagesToMove, null when SQS does not say
 * @param failureReason set when the task FAILED
 */
public record MoveTaskResult(QueueKind queue, String taskHandle, String status, long moved, Long toMove,
                             String failureReason) {

    public boolean finished() {
        return !"RUNNING".equals(status) && !"CANCELLING".equals(status);
    }

    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}
