package io.tdnet.twin.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tdnet.twin.EventSourceSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One {@code AWS::Lambda::EventSourceMapping} run as Lambda's SQS poller runs it, with an SQS client that
 * signs with the function's own key (AWS's poller uses the function's role):
 * <ul>
 *   <li>{@code MaximumConcurrency} workers, each receiving a batch and invoking one environment at a time —
 *       so at most that many environments of the function work this queue at once;</li>
 *   <li>a batch is up to {@code BatchSize} messages, gathered for up to {@code MaximumBatchingWindow}
 *       once the first message arrived;</li>
 *   <li>the event is the {@code SQSEvent} JSON Lambda builds; the runtime client deserializes it;</li>
 *   <li>success deletes the batch; with {@code ReportBatchItemFailures} the listed items stay (redelivered
 *       after their visibility timeout) and the rest are deleted, and a response naming an item that is not
 *       in the batch fails the whole batch, as on AWS; a function error, a timeout or an init error deletes
 *       nothing: the whole batch comes back after its visibility timeout.</li>
 * </ul>
 */
final class SqsEventSourcePoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqsEventSourcePoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lambda's poller count without ScalingConfig is elastic; the twin, on two cores, keeps it small. */
    static final int DEFAULT_CONCURRENCY = 2;
    private static final int SQS_MAX_RECEIVE = 10;
    private static final int LONG_POLL_SECONDS = 1;

    private final EventSourceSpec source;
    private final SqsClient sqs;
    private final BiFunction<String, String, InvocationResult> invoker;
    private final String region;
    private final ExecutorService workers;
    private final int concurrency;
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong returned = new AtomicLong();
    private volatile boolean running;

    /**
     * @param invoker (function logical id, event JSON) → result; blocks for the invocation
     */
    SqsEventSourcePoller(EventSourceSpec source, SqsClient sqs, BiFunction<String, String, InvocationResult> invoker) {
        this.source = source;
        this.sqs = sqs;
        this.invoker = invoker;
        this.region = source.queueArn().split(":")[3];
        this.concurrency = source.maximumConcurrency() > 0 ? source.maximumConcurrency() : DEFAULT_CONCURRENCY;
        this.workers = Executors.newFixedThreadPool(concurrency,
                CredentialAuthority.daemon("poller-" + source.functionLogicalId()));
    }

    void start() {
        running = true;
        for (int i = 0; i < concurrency; i++) {
            workers.submit(this::loop);
        }
    }

    /** Messages deleted after a successful invocation. */
    long deleted() {
        return deleted.get();
    }

    /** Messages left for redelivery (failed items, failed batches). */
    long returned() {
        return returned.get();
    }

    @Override
    public void close() {
        running = false;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (running) {
            try {
                List<Message> batch = receiveBatch();
                if (!batch.isEmpty()) {
                    handle(batch);
                }
            } catch (RuntimeException e) {
                log.warn("poller for {} on {}: {}", source.functionLogicalId(), source.queueUrl(), e.toString());
                pause(); // as Lambda's poller backs off on an SQS error
            }
        }
    }

    List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>(receive(Math.min(SQS_MAX_RECEIVE, source.batchSize()), LONG_POLL_SECONDS));
        if (batch.isEmpty()) {
            return batch;
        }
        long windowEnds = System.nanoTime() + source.maximumBatchingWindow().toNanos();
        while (running && batch.size() < source.batchSize() && System.nanoTime() < windowEnds) {
            long leftMs = Duration.ofNanos(windowEnds - System.nanoTime()).toMillis();
            int wait = (int) Math.min(LONG_POLL_SECONDS, Math.max(0, leftMs / 1000));
            batch.addAll(receive(Math.min(SQS_MAX_RECEIVE, source.batchSize() - batch.size()), wait));
        }
        return batch;
    }

    void handle(List<Message> batch) {
        InvocationResult result = invoker.apply(source.functionLogicalId(), event(batch));
        if (!result.succeeded()) {
            returned.addAndGet(batch.size());
            log.info("{}: batch of {} returns to {} after its visibility timeout: {} {}", source.functionLogicalId(),
                    batch.size(), source.queueUrl(), result.status(), result.errorMessage());
            return;
        }
        Set<String> keep = source.reportBatchItemFailures() ? failedItems(result.payload(), batch) : Set.of();
        List<Message> done = batch.stream().filter(m -> !keep.contains(m.messageId())).toList();
        returned.addAndGet(batch.size() - done.size());
        for (int from = 0; from < done.size(); from += SQS_MAX_RECEIVE) {
            List<DeleteMessageBatchRequestEntry> entries = done.subList(from, Math.min(done.size(), from + SQS_MAX_RECEIVE))
                    .stream()
                    .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                    .toList();
            var response = sqs.deleteMessageBatch(b -> b.queueUrl(source.queueUrl()).entries(entries));
            deleted.addAndGet(response.successful().size());
            if (!response.failed().isEmpty()) {
                log.warn("{}: {} deletes failed on {}: {}", source.functionLogicalId(), response.failed().size(),
                        source.queueUrl(), response.failed());
            }
        }
    }

    /**
     * The ids to keep from a {@code ReportBatchItemFailures} response. Null, empty or an empty list: none.
     * An item with an empty or unknown id, or a body that is not the expected shape, fails the whole batch.
     */
    static Set<String> failedItems(String payload, List<Message> batch) {
        Set<String> all = new HashSet<>();
        batch.forEach(m -> all.add(m.messageId()));
        if (payload == null || payload.isBlank() || payload.equals("null")) {
            return Set.of();
        }
        try {
            JsonNode failures = JSON.readTree(payload).path("batchItemFailures");
            if (failures.isMissingNode() || failures.isNull()) {
                return Set.of();
            }
            Set<String> keep = new HashSet<>();
            for (JsonNode failure : failures) {
                String id = failure.path("itemIdentifier").asText("");
                if (!all.contains(id)) {
                    return all; // Lambda treats an invalid identifier as a failure of the whole batch
                }
                keep.add(id);
            }
            return keep;
        } catch (IOException | RuntimeException notTheShape) {
            return all;
        }
    }

    /** The SQS event as Lambda builds it. */
    String event(List<Message> batch) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            for (Map.Entry<String, MessageAttributeValue> entry : message.messageAttributes().entrySet()) {
                MessageAttributeValue value = entry.getValue();
                ObjectNode attribute = messageAttributes.putObject(entry.getKey());
                if (value.stringValue() != null) {
                    attribute.put("stringValue", value.stringValue());
                }
                if (value.binaryValue() != null) {
                    attribute.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
                }
                attribute.putArray("stringListValues");
                attribute.putArray("binaryListValues");
                attribute.put("dataType", value.dataType());
            }
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", source.queueArn());
            record.put("awsRegion", region);
        }
        return event.toString();
    }

    private List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(source.queueUrl())
                .maxNumberOfMessages(max)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
    }

    private void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
