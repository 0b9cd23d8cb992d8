package io.tdnet.dlq;

/**
 * One message a redrive moved back (or, in a dry run, would move).
 *
 * @param messageId its id in the DLQ
 * @param sentMessageId the id of the copy sent to the source queue; null in a dry run or when a move
 *     task moved it
 * @param disclosureId null for an unreadable body
 * @param executionId null for an unreadable body
 * @param reason why it was in the DLQ
 */
public record MovedMessage(QueueKind queue, String messageId, String sentMessageId, String disclosureId,
                           String executionId, String reason) {

    static MovedMessage of(DeadLetter letter, String sentMessageId) {
        return new MovedMessage(letter.queue(), letter.messageId(), sentMessageId, letter.disclosureId(),
                letter.executionId(), letter.reason());
    }
}
