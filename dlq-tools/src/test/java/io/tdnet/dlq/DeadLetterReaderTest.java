package io.tdnet.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.Names;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class DeadLetterReaderTest {
    private static final String ID = "140120250520512345";
    private static final LocalDate DATE = LocalDate.of(2025, 5, 20);
    private final DeadLetterReader reader = new DeadLetterReader(TestLetters.CODEC);

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static Message message(String body, Map<String, MessageAttributeValue> attributes) {
        return Message.builder().messageId("m1").receiptHandle("h1").body(body)
                .attributes(Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, "1747720000000",
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "13"))
                .messageAttributes(attributes).build();
    }

    @Test
    void readsADownloadFailureWithItsAttributes() {
        DeadLetter letter = reader.read(QueueKind.DOWNLOAD, message(TestLetters.downloadBody("exec-7", ID, DATE), Map.of(
                Names.ATTR_FAILURE_REASON, string("HTTP 404"),
                Names.ATTR_FIRST_FAILURE_AT, string("2025-05-20T07:00:00Z"),
                Names.ATTR_SOURCE_QUEUE, string("tdnet-download"))));

        assertThat(letter.readable()).isTrue();
        assertThat(letter.disclosureId()).isEqualTo(ID);
        assertThat(letter.executionId()).isEqualTo("exec-7");
        assertThat(letter.disclosedDate()).isEqualTo(DATE);
        assertThat(letter.reason()).isEqualTo("HTTP 404");
        assertThat(letter.firstFailureAt()).isEqualTo(Instant.parse("2025-05-20T07:00:00Z"));
        assertThat(letter.sentAt()).isEqualTo(Instant.ofEpochMilli(1747720000000L));
        assertThat(letter.receiveCount()).isEqualTo(13);
        assertThat(letter.sourceQueue()).isEqualTo("tdnet-download");
    }

    @Test
    void aMessageWithoutReasonWasMovedBySqsAfterTooManyReceives() {
        DeadLetter letter = reader.read(QueueKind.PERSIST, message(TestLetters.persistBody("exec-7", ID, DATE), Map.of()));

        assertThat(letter.readable()).isTrue();
        assertThat(letter.disclosureId()).isEqualTo(ID);
        assertThat(letter.reason()).isEqualTo(DeadLetter.MAX_RECEIVES_EXCEEDED);
        assertThat(letter.firstFailureAt()).isNull();
    }

    @Test
    void aMalformedBodyIsReportedNotThrown() {
        DeadLetter letter = reader.read(QueueKind.DOWNLOAD, message("{not json", Map.of(
                Names.ATTR_FAILURE_REASON, string("malformed message body"))));

        assertThat(letter.readable()).isFalse();
        assertThat(letter.unreadable()).contains("malformed");
        assertThat(letter.disclosureId()).isNull();
        assertThat(letter.reason()).isEqualTo("malformed message body");
    }

    @Test
    void aBodyOfTheWrongTypeOrVersionIsUnreadable() {
        String wrongVersion = TestLetters.downloadBody("e", ID, DATE).replace("\"schema_version\":1", "\"schema_version\":9");
        assertThat(reader.read(QueueKind.DOWNLOAD, message(wrongVersion, Map.of())).unreadable())
                .contains("schema_version");
        String badId = TestLetters.downloadBody("e", ID, DATE).replace(ID, "../../etc/passwd");
        assertThat(reader.read(QueueKind.DOWNLOAD, message(badId, Map.of())).readable()).isFalse();
        assertThat(reader.read(QueueKind.DOWNLOAD, message("[]", Map.of())).readable()).isFalse();
    }

    @Test
    void firstFailureTimeAcceptsAnOffsetAndIgnoresGarbage() {
        assertThat(DeadLetterReader.instant("2025-05-20T16:00:00+09:00")).isEqualTo(Instant.parse("2025-05-20T07:00:00Z"));
        assertThat(DeadLetterReader.instant("yesterday")).isNull();
        assertThat(DeadLetterReader.instant(null)).isNull();
    }
}
