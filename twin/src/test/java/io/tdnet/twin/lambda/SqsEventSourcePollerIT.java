package io.tdnet.twin.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import io.tdnet.twin.EventSourceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The poller against a real ElasticMQ queue, with a stand-in for the function (the runtime is tested in LambdaServiceIT). */
@ExtendWith(EmbeddedAwsExtension.class)
class SqsEventSourcePollerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE = "twin-poller-it";
    private static final String ARN = "arn:aws:sqs:ap-northeast-1:123456789012:" + QUEUE;
    private final EmbeddedAwsStack stack;
    private String queueUrl;

    SqsEventSourcePollerIT(EmbeddedAwsStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void queue() {
        // A visibility timeout of 1 s: returned messages come back within the test.
        queueUrl = stack.sqs().createQueue(b -> b.queueName(QUEUE)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
        stack.sqs().purgeQueue(b -> b.queueUrl(queueUrl));
    }

    @Test
    void theEventCarriesWhatLambdaPutsInAnSqsRecord() throws Exception {
        stack.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"n\":1}")
                .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String").stringValue("pdf").build())));
        var poller = poller(spec(10, Duration.ZERO, true), (f, e) -> success(null));
        List<Message> batch = await().atMost(Duration.ofSeconds(10)).until(poller::receiveBatch, b -> !b.isEmpty());

        JsonNode record = JSON.readTree(poller.event(batch)).get("Records").get(0);
        assertThat(record.get("messageId").asText()).isEqualTo(batch.get(0).messageId());
        assertThat(record.get("receiptHandle").asText()).isEqualTo(batch.get(0).receiptHandle());
        assertThat(record.get("body").asText()).isEqualTo("{\"n\":1}");
        assertThat(record.get("attributes").get("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(record.get("attributes").has("SentTimestamp")).isTrue();
        assertThat(record.get("messageAttributes").get("kind").get("stringValue").asText()).isEqualTo("pdf");
        assertThat(record.get("messageAttributes").get("kind").get("dataType").asText()).isEqualTo("String");
        assertThat(record.get("md5OfBody").asText()).isEqualTo(batch.get(0).md5OfBody());
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.get("eventSourceARN").asText()).isEqualTo(ARN);
        assertThat(record.get("awsRegion").asText()).isEqualTo("ap-northeast-1");
        poller.handle(batch);
    }

    @Test
    void reportedItemsStayForRedeliveryAndTheRestAreDeleted() {
        send(3);
        AtomicInteger calls = new AtomicInteger();
        List<String> kept = new ArrayList<>();
        var poller = poller(spec(10, Duration.ofMillis(300), true), (function, event) -> {
            calls.incrementAndGet();
            String first = firstMessageId(event);
            kept.add(first);
            return success("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + first + "\"}]}");
        });
        List<Message> batch = await().atMost(Duration.ofSeconds(10)).until(poller::receiveBatch, b -> b.size() == 3);
        poller.handle(batch);

        assertThat(poller.deleted()).isEqualTo(2);
        assertThat(poller.returned()).isEqualTo(1);
        Message again = await().atMost(Duration.ofSeconds(10)).until(poller::receiveBatch, b -> !b.isEmpty()).get(0);
        assertThat(again.messageId()).isEqualTo(kept.get(0));
        assertThat(again.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");
    }

    @Test
    void aFunctionErrorReturnsTheWholeBatchAfterItsVisibilityTimeout() {
        send(2);
        var poller = poller(spec(10, Duration.ofMillis(300), true),
                (f, e) -> failure(InvocationResult.Status.FUNCTION_ERROR));
        List<Message> batch = await().atMost(Duration.ofSeconds(10)).until(poller::receiveBatch, b -> b.size() == 2);
        poller.handle(batch);

        assertThat(poller.deleted()).isZero();
        assertThat(poller.returned()).isEqualTo(2);
        List<Message> again = await().atMost(Duration.ofSeconds(10)).until(poller::receiveBatch, b -> b.size() == 2);
        assertThat(again).allSatisfy(m -> assertThat(m.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2"));
    }

    @Test
    void aTimeoutReturnsTheWholeBatchToo() {
        send(1);
        var poller = poller(spec(10, Duration.ZERO, true), (f, e) -> failure(InvocationResult.Status.TIMEOUT));
        poller.handle(await().atMost(Duration.ofSeconds(10)).until(poller::receiveBatch, b -> !b.isEmpty()));
        assertThat(poller.deleted()).isZero();
        assertThat(poller.returned()).isEqualTo(1);
    }

    @Test
    void withoutReportBatchItemFailuresASuccessDeletesEverything() {
        send(2);
        var poller = poller(spec(10, Duration.ofMillis(300), false),
                (f, e) -> success("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + firstMessageId(e) + "\"}]}"));
        poller.handle(await().atMost(Duration.ofSeconds(10)).until(poller::receiveBatch, b -> b.size() == 2));
        assertThat(poller.deleted()).isEqualTo(2);
        assertThat(poller.returned()).isZero();
    }

    @Test
    void theBatchIsCappedAtBatchSize() {
        send(5);
        var poller = poller(spec(2, Duration.ofMillis(500), true), (f, e) -> success(null));
        List<Message> batch = await().atMost(Duration.ofSeconds(10)).until(poller::receiveBatch, b -> !b.isEmpty());
        assertThat(batch).hasSizeLessThanOrEqualTo(2);
        poller.handle(batch);
    }

    @Test
    void runningPollersInvokeAtMostMaximumConcurrencyAtOnceAndDrainTheQueue() {
        send(12);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger invocations = new AtomicInteger();
        try (var poller = poller(spec(1, Duration.ZERO, true), (f, e) -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            invocations.incrementAndGet();
            try {
                Thread.sleep(50); // a function that takes a while, so workers overlap
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return success(null);
        })) {
            poller.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> poller.deleted() == 12);
        }
        assertThat(peak.get()).isBetween(1, 2);
        assertThat(invocations.get()).isEqualTo(12);
    }

    @Test
    void anInvalidOrUnknownItemIdentifierFailsTheWholeBatch() {
        List<Message> batch = List.of(Message.builder().messageId("m1").build(), Message.builder().messageId("m2").build());
        assertThat(SqsEventSourcePoller.failedItems("{\"batchItemFailures\":[{\"itemIdentifier\":\"zz\"}]}", batch))
                .containsExactlyInAnyOrder("m1", "m2");
        assertThat(SqsEventSourcePoller.failedItems("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}", batch))
                .containsExactlyInAnyOrder("m1", "m2");
        assertThat(SqsEventSourcePoller.failedItems("not json", batch)).containsExactlyInAnyOrder("m1", "m2");
        assertThat(SqsEventSourcePoller.failedItems("{\"batchItemFailures\":[]}", batch)).isEmpty();
        assertThat(SqsEventSourcePoller.failedItems(null, batch)).isEmpty();
        assertThat(SqsEventSourcePoller.failedItems("null", batch)).isEmpty();
        assertThat(SqsEventSourcePoller.failedItems("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}", batch))
                .containsExactly("m2");
    }

    private SqsEventSourcePoller poller(EventSourceSpec spec, BiFunction<String, String, InvocationResult> invoker) {
        return new SqsEventSourcePoller(spec, stack.sqs(), invoker);
    }

    private EventSourceSpec spec(int batchSize, Duration window, boolean reportItemFailures) {
        return new EventSourceSpec("PersisterFunction", queueUrl, ARN, batchSize, window, 2, reportItemFailures);
    }

    private void send(int count) {
        for (int i = 0; i < count; i++) {
            int n = i;
            stack.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"n\":" + n + "}"));
        }
    }

    private static String firstMessageId(String event) {
        try {
            return JSON.readTree(event).get("Records").get(0).get("messageId").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static InvocationResult success(String payload) {
        return new InvocationResult("PersisterFunction", "r", InvocationResult.Status.SUCCESS, payload, null, null,
                false, Duration.ZERO, Duration.ZERO, null);
    }

    private static InvocationResult failure(InvocationResult.Status status) {
        return new InvocationResult("PersisterFunction", "r", status, null, "X", "failed", false, Duration.ZERO,
                Duration.ZERO, null);
    }
}
