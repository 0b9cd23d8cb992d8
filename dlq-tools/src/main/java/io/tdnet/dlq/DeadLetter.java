package io.tdnet.dlq;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One message of a DLQ as read (never consumed) by the tools.
 *
 * @param disclosureId the 18-digit id from the body, null when the body is unreadable
 * @param executionId from the body, null when unreadable
 * @param disclosedDate from the body, null when unreadable
 * @param reason the {@code failure_reason} attribute, or {@link #MAX_RECEIVES_EXCEEDED} when SQS's
 *     redrive policy moved the message (it carries no reason)
 * @param receiveCount SQS's ApproximateReceiveCount as reported on this receive (it counts the tool's
 *     own receive and every earlier delivery SQS kept with the message)
 * @param firstFailureAt the {@code first_failure_at} attribute, null when absent or unparsable
 * @param sentAt SQS's SentTimestamp (for a message moved by the redrive policy: its original send)
 * @param sourceQueue the {@code source_queue} attribute, null when absent
 * @param unreadable why the body could not be read, null when it was read
 */
public record DeadLetter(
        QueueKind queue,
        String messageId,
        String disclosureId,
        String executionId,
        LocalDate disclosedDate,
        String reason,
        int receiveCount,
        Instant firstFailureAt,
        Instant sentAt,
        String sourceQueue,
        String unreadable) {

    /** The reason shown for a message that SQS moved after maxReceiveCount deliveries. */
    public static final String MAX_RECEIVES_EXCEEDED = "max receives exceeded";

    public boolean readable() {
        return unreadable == null;
    }
}
