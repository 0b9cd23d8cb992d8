package io.tdnet.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.Names;
import io.tdnet.model.PipelineResources;
import io.tdnet.model.RequestPacer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Lists, peeks at, redrives and purges the pipeline's two DLQs.
 *
 * <p>Reading never consumes: every message received is made visible again (ChangeMessageVisibility 0)
 * when the read is over, and a process that dies mid-read leaves messages hidden only for
 * {@link DlqSettings#holdTimeout()}. Moving sends the copy first and deletes the original after, so a
 * crash in between duplicates a message (harmless: every consumer is idempotent) and never drops one.
 *
 * <p>Over 300 lines because list, peek, redrive (one by one and by move task) and purge share the same
 * read-without-consuming loop and checkpointing; split apart, each would carry a copy of it.
 */
public final class DeadLetterQueues {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueues.class);
    private static final int SQS_BATCH = 10;

    private final SqsClient sqs;
    private final PipelineResources resources;
    private final DlqSettings settings;
    private final Clock clock;
    private final MoveCheckpoint checkpoint;
    private final JsonCodec codec = new JsonCodec();
    private final DeadLetterReader reader = new DeadLetterReader(codec);

    public DeadLetterQueues(SqsClient sqs, PipelineResources resources) {
        this(sqs, resources, DlqSettings.defaults(), Clock.systemUTC(), MoveCheckpoint.none());
    }

    public DeadLetterQueues(SqsClient sqs, PipelineResources resources, DlqSettings settings, Clock clock,
                            MoveCheckpoint checkpoint) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
    }

    public PipelineResources resources() {
        return resources;
    }

    /** Both DLQs: depth, oldest message age, counts by reason, and where each redrives to. */
    public List<DlqSummary> list() {
        List<DlqSummary> summaries = new ArrayList<>();
        for (QueueKind kind : QueueKind.values()) summaries.add(summarize(kind));
        return summaries;
    }

    /** One DLQ's summary; reads up to {@link DlqSettings#scanLimit()} messages and puts them back. */
    public DlqSummary summarize(QueueKind kind) {
        String dlqUrl = kind.dlqUrl(resources);
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.QUEUE_ARN)).attributes();
        List<DeadLetter> letters;
        try (Hold hold = new Hold(kind)) {
            hold.receiveUpTo(settings.scanLimit());
            letters = hold.letters();
        }
        Instant now = clock.instant();
        Duration oldest = letters.stream().map(DeadLetter::sentAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .map(sent -> sent.isAfter(now) ? Duration.ZERO : Duration.between(sent, now))
                .orElse(null);
        Map<String, Long> counts = letters.stream()
                .collect(Collectors.groupingBy(DeadLetter::reason, Collectors.counting()));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        int unreadable = (int) letters.stream().filter(l -> !l.readable()).count();
        return new DlqSummary(kind, dlqUrl,
                number(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                number(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)),
                oldest, sorted, letters.size(), unreadable,
                redriveTarget(kind, attributes.get(QueueAttributeName.QUEUE_ARN)));
    }

    /**
     * Up to {@code limit} messages of a DLQ, without consuming them: they are received with a visibility
     * timeout and made visible again before this returns.
     */
    public List<DeadLetter> peek(QueueKind queue, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1: " + limit);
        try (Hold hold = new Hold(queue)) {
            hold.receiveUpTo(limit);
            return hold.letters();
        }
    }

    public RedriveReport redrive(RedriveRequest request) throws InterruptedException {
        return redrive(request, RedriveProgress.silent());
    }

    /**
     * Moves DLQ messages back to their source queues. Unfiltered, non-dry-run requests on AWS
     * ({@link RedriveRequest#useMoveTask()}) use SQS's StartMessageMoveTask and follow it until it ends;
     * everything else moves message by message: send to the source queue (body unchanged, attributes
     * kept except {@code failure_reason}), then delete from the DLQ. Messages that do not match stay in
     * the DLQ and are made visible again when the pass ends.
     */
    public RedriveReport redrive(RedriveRequest request, RedriveProgress progress) throws InterruptedException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(progress, "progress");
        // Only messages already in the DLQ when the redrive starts: a message that fails again while we
        // work comes back with a later SentTimestamp and must not be moved round and round.
        Instant startedAt = clock.instant();
        RequestPacer pacer = request.maxPerSecond() == null ? null : RequestPacer.perSecond(request.maxPerSecond());
        boolean moveTask = request.useMoveTask() && !request.hasFilter() && !request.dryRun();
        List<MovedMessage> moved = new ArrayList<>();
        List<MoveTaskResult> tasks = new ArrayList<>();
        int examined = 0;
        int leftInPlace = 0;
        for (QueueKind kind : request.queues()) {
            if (moveTask) {
                MoveTaskResult task = runMoveTask(kind, request.maxPerSecond(), progress, moved);
                if (task != null) tasks.add(task);
                continue;
            }
            PassCount count = moveOneByOne(kind, request, startedAt, pacer, progress, moved);
            examined += count.examined;
            leftInPlace += count.leftInPlace;
        }
        if (moveTask) examined = moved.size();
        log.info("redrive {}: {} message(s) {}, {} examined, {} left in place, move tasks {}",
                request.queues(), moved.size(), request.dryRun() ? "would move" : "moved", examined, leftInPlace, tasks);
        return new RedriveReport(request.dryRun(), moved, examined, leftInPlace, tasks);
    }

    /**
     * Deletes every visible message of a DLQ, one batch at a time, and returns exactly how many it
     * deleted (PurgeQueue would not say, and on AWS allows one call a minute). Messages in flight at
     * that moment are not deleted. Nothing is recorded anywhere.
     */
    public long purge(QueueKind queue) {
        return purge(queue, letter -> {});
    }

    /**
     * As {@link #purge(QueueKind)}, but each message is first handed to {@code record} (the CLI records
     * its outcome FAILED {@code purged}); a message whose recording throws is not deleted, so no
     * message disappears without its outcome saying so.
     */
    public long purge(QueueKind queue, java.util.function.Consumer<DeadLetter> record) {
        String dlqUrl = queue.dlqUrl(resources);
        long deleted = 0;
        List<String> kept = new ArrayList<>();
        while (true) {
            List<Message> batch = receive(dlqUrl, SQS_BATCH);
            if (batch.isEmpty()) break;
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                try {
                    record.accept(reader.read(queue, batch.get(i)));
                } catch (RuntimeException e) {
                    log.warn("purge {}: message {} kept, its outcome could not be recorded: {}", queue.cliName(),
                            batch.get(i).messageId(), e.toString());
                    kept.add(batch.get(i).messageId());
                    continue;
                }
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(batch.get(i).receiptHandle()).build());
            }
            if (entries.isEmpty()) break; // only kept messages are left visible for now
            DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(dlqUrl).entries(entries));
            deleted += response.successful().size();
            if (!response.failed().isEmpty()) {
                log.warn("purge {}: {} delete(s) failed: {}", queue.cliName(), response.failed().size(), response.failed());
            }
        }
        log.info("purge {}: deleted {} message(s){}", queue.cliName(), deleted,
                kept.isEmpty() ? "" : ", kept " + kept.size() + " whose outcome could not be recorded");
        return deleted;
    }

    // --- redrive internals ---

    private record PassCount(int examined, int leftInPlace) {}

    private PassCount moveOneByOne(QueueKind kind, RedriveRequest request, Instant startedAt, RequestPacer pacer,
                                   RedriveProgress progress, List<MovedMessage> moved) throws InterruptedException {
        String dlqUrl = kind.dlqUrl(resources);
        String targetUrl = kind.sourceQueueUrl(resources);
        int examined = 0;
        int leftInPlace = 0;
        try (Hold hold = new Hold(kind)) {
            while (examined < settings.scanLimit()) {
                List<Held> fresh = hold.receiveNew(Math.min(SQS_BATCH, settings.scanLimit() - examined));
                if (fresh.isEmpty()) break;
                for (Held held : fresh) {
                    examined++;
                    DeadLetter letter = held.letter;
                    boolean before = letter.sentAt() == null || !letter.sentAt().isAfter(startedAt);
                    if (!before || !request.matches(letter)) {
                        leftInPlace++;
                        continue; // stays held; made visible again when the pass ends
                    }
                    if (request.dryRun()) {
                        MovedMessage wouldMove = MovedMessage.of(letter, null);
                        moved.add(wouldMove);
                        progress.moved(wouldMove);
                        continue;
                    }
                    if (pacer != null) pacer.acquire();
                    Message message = held.message;
                    String sentId = sqs.sendMessage(b -> b.queueUrl(targetUrl).messageBody(message.body())
                            .messageAttributes(forwardedAttributes(message))).messageId();
                    MovedMessage movedMessage = MovedMessage.of(letter, sentId);
                    checkpoint.sentNotYetDeleted(movedMessage);
                    sqs.deleteMessage(b -> b.queueUrl(dlqUrl).receiptHandle(message.receiptHandle()));
                    hold.forget(letter.messageId());
                    moved.add(movedMessage);
                    progress.moved(movedMessage);
                }
            }
        }
        return new PassCount(examined, leftInPlace);
    }

    /** The attributes the copy carries: all but failure_reason (first_failure_at is kept on purpose). */
    private static Map<String, MessageAttributeValue> forwardedAttributes(Message message) {
        Map<String, MessageAttributeValue> forwarded = new HashMap<>(message.messageAttributes());
        forwarded.remove(Names.ATTR_FAILURE_REASON);
        return forwarded;
    }

    private MoveTaskResult runMoveTask(QueueKind kind, Integer maxPerSecond, RedriveProgress progress,
                                       List<MovedMessage> moved) throws InterruptedException {
        String dlqUrl = kind.dlqUrl(resources);
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.QUEUE_ARN)).attributes();
        long depth = number(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + number(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        if (depth == 0) return null;
        // SQS says how many a task moved, never which: record what the DLQ held just before.
        try (Hold hold = new Hold(kind)) {
            hold.receiveUpTo(settings.scanLimit());
            for (DeadLetter letter : hold.letters()) moved.add(MovedMessage.of(letter, null));
        }
        String sourceArn = attributes.get(QueueAttributeName.QUEUE_ARN);
        String destinationArn = queueArn(kind.sourceQueueUrl(resources));
        long startMillis = clock.millis();
        String handle = sqs.startMessageMoveTask(b -> b.sourceArn(sourceArn).destinationArn(destinationArn)
                .maxNumberOfMessagesPerSecond(maxPerSecond)).taskHandle();
        log.info("redrive {}: started move task {}", kind.cliName(), handle);
        Instant deadline = clock.instant().plus(settings.moveTaskTimeout());
        while (true) {
            MoveTaskResult status = currentTask(kind, sourceArn, handle, startMillis);
            progress.moveTask(status);
            if (status.finished() || clock.instant().isAfter(deadline)) return status;
            Thread.sleep(settings.moveTaskPoll().toMillis());
        }
    }

    private MoveTaskResult currentTask(QueueKind kind, String sourceArn, String handle, long startMillis) {
        List<ListMessageMoveTasksResultEntry> results =
                sqs.listMessageMoveTasks(b -> b.sourceArn(sourceArn).maxResults(10)).results();
        // SQS returns the handle only while a task runs; a finished one is found by its start time.
        ListMessageMoveTasksResultEntry entry = results.stream()
                .filter(r -> handle != null && handle.equals(r.taskHandle())).findFirst()
                .or(() -> results.stream()
                        .filter(r -> r.startedTimestamp() == null || r.startedTimestamp() >= startMillis - 60_000)
                        .max(Comparator.comparing(r -> r.startedTimestamp() == null ? 0L : r.startedTimestamp())))
                .orElseThrow(() -> new IllegalStateException(
                        "SQS lists no move task for " + kind.dlqName() + " although one was started (" + handle + ")"));
        return new MoveTaskResult(kind, handle, entry.status(),
                entry.approximateNumberOfMessagesMoved() == null ? 0 : entry.approximateNumberOfMessagesMoved(),
                entry.approximateNumberOfMessagesToMove(), entry.failureReason());
    }

    // --- queue attributes ---

    private DlqSummary.RedriveTarget redriveTarget(QueueKind kind, String dlqArn) {
        String sourceUrl = kind.sourceQueueUrl(resources);
        String policy = sqs.getQueueAttributes(b -> b.queueUrl(sourceUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY);
        if (policy == null || policy.isBlank()) return new DlqSummary.RedriveTarget(sourceUrl, null, false);
        try {
            JsonNode node = codec.mapper().readTree(policy);
            JsonNode max = node.get("maxReceiveCount");
            String target = node.path("deadLetterTargetArn").asText(null);
            return new DlqSummary.RedriveTarget(sourceUrl, max == null ? null : max.asInt(),
                    dlqArn != null && dlqArn.equals(target));
        } catch (JsonProcessingException e) {
            log.warn("{}: unreadable RedrivePolicy", kind.sourceQueueName());
            return new DlqSummary.RedriveTarget(sourceUrl, null, false);
        }
    }

    private String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static long number(String text) {
        if (text == null) return 0;
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private List<Message> receive(String queueUrl, int max) {
        int waitSeconds = (int) settings.receiveWait().toSeconds();
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(max)
                .visibilityTimeout((int) settings.holdTimeout().toSeconds())
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNamesWithStrings("All")
                .messageAttributeNames("All")).messages();
    }

    // --- holding messages invisible while a pass looks at them ---

    private record Held(Message message, DeadLetter letter) {}

    /**
     * Messages received from one DLQ and not yet given back. Closing makes every one still held visible
     * again. Holding them for the whole pass is what lets a pass know it has seen each message once: a
     * message made visible at once would be received again by the next call.
     */
    private final class Hold implements AutoCloseable {
        private final QueueKind kind;
        private final String dlqUrl;
        private final Map<String, Held> held = new LinkedHashMap<>();

        Hold(QueueKind kind) {
            this.kind = kind;
            this.dlqUrl = kind.dlqUrl(resources);
        }

        /** One receive; returns the messages not seen before in this pass (those seen again get their new handle). */
        List<Held> receiveNew(int max) {
            List<Held> fresh = new ArrayList<>();
            for (Message message : receive(dlqUrl, max)) {
                Held h = new Held(message, reader.read(kind, message));
                if (held.put(message.messageId(), h) == null) fresh.add(h);
            }
            return fresh;
        }

        void receiveUpTo(int limit) {
            while (held.size() < limit) {
                if (receiveNew(Math.min(SQS_BATCH, limit - held.size())).isEmpty()) return;
            }
        }

        List<DeadLetter> letters() {
            return held.values().stream().map(Held::letter).toList();
        }

        /** The message is gone (deleted): nothing to give back. */
        void forget(String messageId) {
            held.remove(messageId);
        }

        @Override
        public void close() {
            List<Held> all = new ArrayList<>(held.values());
            for (int from = 0; from < all.size(); from += SQS_BATCH) {
                List<Held> chunk = all.subList(from, Math.min(all.size(), from + SQS_BATCH));
                List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                            .id(Integer.toString(i)).receiptHandle(chunk.get(i).message.receiptHandle())
                            .visibilityTimeout(0).build());
                }
                try {
                    var response = sqs.changeMessageVisibilityBatch(b -> b.queueUrl(dlqUrl).entries(entries));
                    if (!response.failed().isEmpty()) {
                        log.warn("{}: {} message(s) could not be made visible again; they reappear after {}",
                                kind.dlqName(), response.failed().size(), settings.holdTimeout());
                    }
                } catch (RuntimeException e) {
                    log.warn("{}: messages could not be made visible again ({}); they reappear after {}",
                            kind.dlqName(), e.toString(), settings.holdTimeout());
                }
            }
            held.clear();
        }
    }
}
