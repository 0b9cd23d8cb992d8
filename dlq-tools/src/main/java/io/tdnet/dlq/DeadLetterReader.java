package io.tdnet.dlq;

import io.tdnet.model.DownloadMessage;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.JsonCodec.MalformedMessageException;
import io.tdnet.model.Names;
import io.tdnet.model.PersistMessage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Turns a received SQS message into a {@link DeadLetter}; a body it cannot read is reported, never thrown. */
final class DeadLetterReader {
    private final JsonCodec codec;

    DeadLetterReader(JsonCodec codec) {
        this.codec = codec;
    }

    DeadLetter read(QueueKind queue, Message message) {
        Map<String, MessageAttributeValue> attributes = message.messageAttributes();
        String reason = stringAttribute(attributes, Names.ATTR_FAILURE_REASON);
        if (reason == null || reason.isBlank()) reason = DeadLetter.MAX_RECEIVES_EXCEEDED;
        Instant firstFailureAt = instant(stringAttribute(attributes, Names.ATTR_FIRST_FAILURE_AT));
        Instant sentAt = epochMillis(message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP));
        int receiveCount = integer(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
        String sourceQueue = stringAttribute(attributes, Names.ATTR_SOURCE_QUEUE);

        String disclosureId = null;
        String executionId = null;
        java.time.LocalDate disclosedDate = null;
        String unreadable = null;
        try {
            if (queue == QueueKind.DOWNLOAD) {
                DownloadMessage body = codec.decodeDownload(message.body());
                disclosureId = body.disclosure().disclosureId().value();
                executionId = body.executionId();
                disclosedDate = body.disclosure().disclosedDate();
            } else {
                PersistMessage body = codec.decodePersist(message.body());
                disclosureId = body.disclosure().disclosureId().value();
                executionId = body.executionId();
                disclosedDate = body.disclosure().disclosedDate();
            }
        } catch (MalformedMessageException e) {
            unreadable = e.getMessage();
        } catch (RuntimeException e) {
            // Whatever a hand-made or corrupted body trips over, the tools show it instead of dying.
            unreadable = "unreadable body (" + e.getClass().getSimpleName() + ")";
        }
        return new DeadLetter(queue, message.messageId(), disclosureId, executionId, disclosedDate, reason,
                receiveCount, firstFailureAt, sentAt, sourceQueue, unreadable);
    }

    private static String stringAttribute(Map<String, MessageAttributeValue> attributes, String name) {
        MessageAttributeValue value = attributes.get(name);
        return value == null ? null : value.stringValue();
    }

    static Instant instant(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static Instant epochMillis(String text) {
        if (text == null) return null;
        try {
            return Instant.ofEpochMilli(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int integer(String text) {
        if (text == null) return 0;
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
