package io.tdnet.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tdnet.model.Attributes;
import io.tdnet.model.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/** State survives close() and a new start on the same directory; another directory starts empty. */
class PersistenceIT {
    @TempDir Path dir;
    @TempDir Path otherDir;

    @Test
    void queuesMessagesItemsAndObjectsSurviveARestart() {
        String inFlightId;
        long receivedAtMillis;
        try (EmbeddedAwsStack stack = EmbeddedAwsStack.start(dir)) {
            stack.sqs().sendMessage(b -> b.queueUrl(stack.resources().downloadQueueUrl()).messageBody("waiting"));
            stack.sqs().sendMessage(b -> b.queueUrl(stack.resources().persistQueueUrl()).messageBody("in-flight"));
            List<Message> inFlight = stack.sqs().receiveMessage(b -> b.queueUrl(stack.resources().persistQueueUrl())
                    .visibilityTimeout(5)).messages();
            assertThat(inFlight).hasSize(1);
            inFlightId = inFlight.get(0).messageId();
            receivedAtMillis = System.currentTimeMillis();
            stack.dynamoDb().putItem(b -> b.tableName(Names.DISCLOSURES_TABLE)
                    .item(Map.of(Attributes.DISCLOSURE_ID, AttributeValue.fromS("120250101000001"))));
            stack.s3().putObject(b -> b.bucket(Names.BUCKET).key("pdf/2025/01/01/x.pdf"), RequestBody.fromString("pdf"));
        }

        try (EmbeddedAwsStack stack = EmbeddedAwsStack.start(dir)) {
            assertThat(stack.sqs().receiveMessage(b -> b.queueUrl(stack.resources().downloadQueueUrl())).messages())
                    .extracting(Message::body).containsExactly("waiting");
            // The in-flight message keeps its invisibility across the restart and reappears when it ends.
            String persistUrl = stack.resources().persistQueueUrl();
            assertThat(SqsIT.count(stack.sqs(), persistUrl)).isEqualTo(1);
            List<Message> again = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                again.addAll(stack.sqs().receiveMessage(b -> b.queueUrl(persistUrl)).messages());
                return !again.isEmpty();
            });
            long invisibleForMillis = System.currentTimeMillis() - receivedAtMillis;
            System.out.println("in-flight message visible again " + invisibleForMillis + " ms after its receive");
            assertThat(again.get(0).messageId()).isEqualTo(inFlightId);
            assertThat(again.get(0).body()).isEqualTo("in-flight");
            assertThat(stack.dynamoDb().getItem(b -> b.tableName(Names.DISCLOSURES_TABLE)
                    .key(Map.of(Attributes.DISCLOSURE_ID, AttributeValue.fromS("120250101000001")))).hasItem()).isTrue();
            assertThat(stack.s3().getObjectAsBytes(b -> b.bucket(Names.BUCKET).key("pdf/2025/01/01/x.pdf")).asUtf8String())
                    .isEqualTo("pdf");
        }
        assertThat(dir.resolve("s3").resolve(Names.BUCKET).resolve("pdf/2025/01/01/x.pdf")).hasContent("pdf");
    }

    @Test
    void anotherDirectoryStartsEmptyAndOnlyOneStackIsOpenAtATime() {
        try (EmbeddedAwsStack stack = EmbeddedAwsStack.start(dir)) {
            stack.sqs().sendMessage(b -> b.queueUrl(stack.resources().downloadQueueUrl()).messageBody("first dir"));
            assertThatThrownBy(() -> EmbeddedAwsStack.start(otherDir))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
        }
        try (EmbeddedAwsStack stack = EmbeddedAwsStack.start(otherDir)) {
            assertThat(SqsIT.count(stack.sqs(), stack.resources().downloadQueueUrl())).isZero();
            assertThat(Files.exists(otherDir.resolve("sqs"))).isTrue();
        }
        try (EmbeddedAwsStack stack = EmbeddedAwsStack.start(dir)) {
            assertThat(SqsIT.count(stack.sqs(), stack.resources().downloadQueueUrl())).isEqualTo(1);
        }
    }
}
