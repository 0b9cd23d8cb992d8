package io.tdnet.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tdnet.model.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

class SqsIT {
    @TempDir static Path dir;
    static EmbeddedAwsStack stack;
    SqsClient sqs;

    @BeforeAll
    static void start() {
        stack = EmbeddedAwsStack.start(dir);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @BeforeEach
    void reset() {
        stack.reset();
        sqs = stack.sqs();
    }

    @Test
    void queuesHaveTheirRedrivePoliciesAndVisibilityTimeouts() {
        Map<QueueAttributeName, String> download = attributes(stack.resources().downloadQueueUrl());
        assertThat(download.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("60");
        assertThat(download.get(QueueAttributeName.REDRIVE_POLICY))
                .contains(Names.DOWNLOAD_DLQ).contains("\"maxReceiveCount\":" + Names.DOWNLOAD_MAX_RECEIVE_COUNT);
        Map<QueueAttributeName, String> persist = attributes(stack.resources().persistQueueUrl());
        assertThat(persist.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("60");
        assertThat(persist.get(QueueAttributeName.REDRIVE_POLICY))
                .contains(Names.PERSIST_DLQ).contains("\"maxReceiveCount\":" + Names.PERSIST_MAX_RECEIVE_COUNT);
    }

    @Test
    void sendsReceivesAndDeletesBatches() {
        String url = stack.resources().downloadQueueUrl();
        var sent = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(0, 10)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("body-" + i).build())
                .toList()));
        assertThat(sent.successful()).hasSize(10);
        assertThat(sent.failed()).isEmpty();

        List<Message> received = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            received.addAll(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages());
            return received.size() == 10;
        });
        assertThat(received).extracting(Message::body)
                .containsExactlyInAnyOrder(IntStream.range(0, 10).mapToObj(i -> "body-" + i).toArray(String[]::new));

        var deleted = sqs.deleteMessageBatch(b -> b.queueUrl(url).entries(received.stream()
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList()));
        assertThat(deleted.successful()).hasSize(10);
        assertThat(count(url)).isZero();
    }

    @Test
    void redrivesToTheDlqAfterMaxReceiveCountAndMovesBack() {
        String queue = stack.resources().persistQueueUrl();
        String dlq = stack.resources().persistDlqUrl();
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("poison"));

        int[] receives = {0};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            // Visibility 0: the message is visible again at once, as after a failed attempt.
            receives[0] += sqs.receiveMessage(b -> b.queueUrl(queue).visibilityTimeout(0)).messages().size();
            return count(dlq) == 1;
        });
        assertThat(receives[0]).isEqualTo(Names.PERSIST_MAX_RECEIVE_COUNT);
        assertThat(count(queue)).isZero();

        String dlqArn = attributes(dlq).get(QueueAttributeName.QUEUE_ARN);
        var task = sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn));
        assertThat(task.taskHandle()).isNotBlank();
        await().atMost(Duration.ofSeconds(10)).until(() -> count(queue) == 1 && count(dlq) == 0);
        var tasks = sqs.listMessageMoveTasks(b -> b.sourceArn(dlqArn)).results();
        assertThat(tasks).isNotEmpty();
        assertThat(tasks.get(0).status()).isEqualTo("COMPLETED");
        assertThat(tasks.get(0).approximateNumberOfMessagesMoved()).isEqualTo(1L);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queue)).messages()).extracting(Message::body).containsExactly("poison");
    }

    private Map<QueueAttributeName, String> attributes(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
    }

    static long count(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes().values().stream().mapToLong(Long::parseLong).sum();
    }

    private long count(String url) {
        return count(sqs, url);
    }
}
