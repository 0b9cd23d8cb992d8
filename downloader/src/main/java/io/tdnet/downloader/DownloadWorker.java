package io.tdnet.downloader;

import io.tdnet.model.BatchOutcome;
import io.tdnet.model.DownloadMessage;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.MessageBatchHandler;
import io.tdnet.model.Names;
import io.tdnet.model.PersistMessage;
import io.tdnet.model.PipelineResources;
import io.tdnet.model.QueueMessage;
import io.tdnet.model.TimeLeft;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The download-queue consumer: for each message, decode it, download the document, and hand the
 * verdict on.
 *
 * <ul>
 *   <li>stored → a stored {@link PersistMessage} to the persist queue, with the batch's others in one
 *       SendMessageBatch ({@link PersistForwarder}) before the batch is reported; done once it is sent.
 *       When the message asks for the XBRL ({@link DownloadMessage#wantsXbrl()}), the zip is fetched
 *       after the PDF and its verdict rides in the same persist message; a zip that fails for good also
 *       puts a copy of the message in the DLQ with an {@code xbrl: …} reason, so it can be redriven.
 *   <li>permanent failure → a failed {@link PersistMessage} (the persister records the outcome) and a
 *       copy of the original body in the download DLQ with {@link Names#ATTR_FAILURE_REASON},
 *       {@link Names#ATTR_FIRST_FAILURE_AT} and {@link Names#ATTR_SOURCE_QUEUE}; done. Both are sent
 *       before the message is reported done, so a crash in between duplicates them (the persister is
 *       idempotent) and never loses them.
 *   <li>malformed body or unknown schema version → DLQ with the reason; done (there is no disclosure
 *       to record).
 *   <li>transient failure → the attempt is noted on the outcome ({@link AttemptLog}), the message's
 *       visibility timeout is set per {@link RetrySchedule} (growing
 *       with its receive count, or the server's Retry-After) and it is left for SQS to redeliver; on
 *       its last delivery it is recorded as a permanent failure instead, so the execution settles.
 *   <li>anything unexpected (SQS or S3 down) → left for redelivery after the queue's own timeout.
 * </ul>
 *
 * <p>Messages of a batch run sequentially, or on a small pool of {@code threads}; the shared pacer, not
 * the thread count, sets the request rate. Within a {@link TimeLeft} (the Lambda's remaining time) a
 * message is started only while at least the downloader's {@link PdfDownloader#documentBudget()} is
 * left; the others are returned unstarted for redelivery rather than cut off by the function timeout.
 */
public final class DownloadWorker implements MessageBatchHandler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DownloadWorker.class);
    private static final int MAX_REASON_LENGTH = 1000;
    /** The longest a stored document's persist message waits for others to share its SendMessageBatch. */
    static final Duration MAX_HOLD = Duration.ofSeconds(10);

    private final PdfDownloader downloader;
    private final SqsClient sqs;
    private final Queues resources;
    private final JsonCodec codec;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final ExecutorService pool;
    private final AttemptLog attempts;

    /**
     * The queues the downloader uses: its own (visibility changes, the source of its dead letters), its
     * dead-letter queue and the persist queue it forwards to.
     */
    public record Queues(String downloadQueueUrl, String downloadDlqUrl, String persistQueueUrl) {
        public Queues {
            java.util.Objects.requireNonNull(downloadQueueUrl, "downloadQueueUrl");
            java.util.Objects.requireNonNull(downloadDlqUrl, "downloadDlqUrl");
            java.util.Objects.requireNonNull(persistQueueUrl, "persistQueueUrl");
        }

        public static Queues of(PipelineResources resources) {
            return new Queues(resources.downloadQueueUrl(), resources.downloadDlqUrl(), resources.persistQueueUrl());
        }
    }

    /** With the queues of a whole deployment (local mode, tests). */
    public DownloadWorker(PdfDownloader downloader, SqsClient sqs, PipelineResources resources, JsonCodec codec,
                          RetrySchedule schedule, Clock clock, int threads, AttemptLog attempts) {
        this(downloader, sqs, Queues.of(resources), codec, schedule, clock, threads, attempts);
    }

    /**
     * @param threads how many messages of a batch are processed at once (1 = sequentially, no pool)
     * @param attempts where each transiently failed delivery is noted on its outcome
     */
    public DownloadWorker(PdfDownloader downloader, SqsClient sqs, Queues resources, JsonCodec codec,
                          RetrySchedule schedule, Clock clock, int threads, AttemptLog attempts) {
        if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1: " + threads);
        this.downloader = downloader;
        this.sqs = sqs;
        this.resources = resources;
        this.codec = codec;
        this.schedule = schedule;
        this.clock = clock;
        this.attempts = attempts;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "download-worker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public BatchOutcome handle(List<QueueMessage> batch) {
        return handle(batch, TimeLeft.UNBOUNDED);
    }

    @Override
    public BatchOutcome handle(List<QueueMessage> batch, TimeLeft timeLeft) {
        Set<String> retry = new HashSet<>();
        PersistForwarder forwarder = new PersistForwarder(sqs, resources.persistQueueUrl(), clock, MAX_HOLD);
        if (pool == null) {
            for (QueueMessage message : batch) {
                if (!processInTime(message, timeLeft, forwarder)) retry.add(message.messageId());
            }
            retry.addAll(forwarder.finish());
            return new BatchOutcome(retry);
        }
        List<Future<Boolean>> results = new ArrayList<>();
        for (QueueMessage message : batch) results.add(pool.submit(() -> processInTime(message, timeLeft, forwarder)));
        for (int i = 0; i < batch.size(); i++) {
            try {
                if (!results.get(i).get()) retry.add(batch.get(i).messageId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                retry.add(batch.get(i).messageId());
            } catch (ExecutionException e) {
                retry.add(batch.get(i).messageId());
            }
        }
        retry.addAll(forwarder.finish());
        return new BatchOutcome(retry);
    }

    private boolean processInTime(QueueMessage message, TimeLeft timeLeft, PersistForwarder forwarder) {
        Duration left = timeLeft.remaining();
        if (left.compareTo(downloader.documentBudget()) < 0) {
            log.info("message {} not started: {} ms left, a document may need {} s; left for redelivery",
                    message.messageId(), left.toMillis(), downloader.documentBudget().toSeconds());
            return false;
        }
        return process(message, forwarder);
    }

    /** Returns true when the message is done (may be deleted), false to leave it for redelivery. */
    private boolean process(QueueMessage message, PersistForwarder forwarder) {
        try {
            DownloadMessage download;
            try {
                download = codec.decodeDownload(message.body());
            } catch (JsonCodec.MalformedMessageException e) {
                log.warn("message {} is unreadable, moved to the DLQ: {}", message.messageId(), e.getMessage());
                deadLetter(message, e.getMessage());
                return true;
            }
            String id = download.disclosure().disclosureId().value();
            // every line about this document names it and its execution (restored after: the caller's own)
            String outerExecution = MDC.get("execution_id");
            MDC.put("execution_id", download.executionId());
            MDC.put("disclosure_id", id);
            try {
                return process(message, download, id, forwarder);
            } catch (RuntimeException e) {
                log.error("message {} left for redelivery: {}", message.messageId(), e.toString(), e);
                return false;
            } finally {
                restore("execution_id", outerExecution);
                MDC.remove("disclosure_id");
            }
        } catch (RuntimeException e) {
            log.error("message {} left for redelivery: {}", message.messageId(), e.toString(), e);
            return false;
        }
    }

    private static void restore(String key, String value) {
        if (value == null) MDC.remove(key);
        else MDC.put(key, value);
    }

    private boolean process(QueueMessage message, DownloadMessage download, String id, PersistForwarder forwarder) {
        DownloadResult result = downloader.download(download.disclosure());
        if (result instanceof DownloadResult.Stored stored) {
            if (download.wantsXbrl()) return withXbrl(message, download, id, stored, forwarder);
            // done unless the forwarder reports its persist message unsent (see handle)
            forwarder.add(message.messageId(), codec.encode(PersistMessage.stored(download.executionId(), download.disclosure(), stored.pdf())));
            return true;
        }
        if (result instanceof DownloadResult.PermanentFailure failure) {
            log.warn("{}: permanent failure: {}", id, failure.reason());
            recordFailure(message, download, failure.reason());
            return true;
        }
        DownloadResult.TransientFailure failure = (DownloadResult.TransientFailure) result;
        if (schedule.isLastDelivery(message.receiveCount())) {
            String reason = "gave up after " + message.receiveCount() + " deliveries: " + failure.reason();
            log.warn("{}: {}", id, reason);
            recordFailure(message, download, reason);
            return true;
        }
        return retryLater(message, download, id, failure.reason(), failure.retryAfter());
    }

    /**
     * The PDF is stored; now its XBRL. Stored or failed for good, the verdict travels with the PDF's;
     * a failed XBRL also leaves a copy of the message in the DLQ (redrivable: the PDF is then found in
     * S3 without a request). A transient failure retries the whole message like a PDF's.
     */
    private boolean withXbrl(QueueMessage message, DownloadMessage download, String id, DownloadResult.Stored pdf,
                             PersistForwarder forwarder) {
        XbrlResult xbrl = downloader.xbrl().download(download.disclosure());
        if (xbrl instanceof XbrlResult.Stored stored) {
            forwarder.add(message.messageId(), codec.encode(
                    PersistMessage.stored(download.executionId(), download.disclosure(), pdf.pdf(), stored.xbrl(), null)));
            return true;
        }
        String reason;
        if (xbrl instanceof XbrlResult.PermanentFailure failure) {
            reason = "xbrl: " + failure.reason();
        } else {
            XbrlResult.TransientFailure failure = (XbrlResult.TransientFailure) xbrl;
            if (!schedule.isLastDelivery(message.receiveCount())) {
                return retryLater(message, download, id, "xbrl: " + failure.reason(), failure.retryAfter());
            }
            reason = "xbrl: gave up after " + message.receiveCount() + " deliveries: " + failure.reason();
        }
        log.warn("{}: PDF stored, {}", id, reason);
        String bounded = bounded(reason);
        deadLetter(message, bounded); // sent again if the batch is retried: a duplicate dead letter redrives to a no-op
        forwarder.add(message.messageId(), codec.encode(
                PersistMessage.stored(download.executionId(), download.disclosure(), pdf.pdf(), null, bounded)));
        return true;
    }

    private boolean retryLater(QueueMessage message, DownloadMessage download, String id, String reason, Duration retryAfter) {
        noteAttempt(download, message.receiveCount());
        Duration visibility = schedule.visibilityTimeout(message.receiveCount(), retryAfter);
        log.info("{}: delivery {} failed ({}), next try in {} s", id, message.receiveCount(), reason,
                visibility.toSeconds());
        sqs.changeMessageVisibility(b -> b.queueUrl(resources.downloadQueueUrl())
                .receiptHandle(message.receiptHandle())
                .visibilityTimeout((int) visibility.toSeconds()));
        return false;
    }

    private void noteAttempt(DownloadMessage download, int receiveCount) {
        try {
            attempts.failed(download.executionId(), download.disclosure().disclosureId(), receiveCount);
        } catch (RuntimeException e) {
            // only the reconciler's horizon starts earlier: the retry itself goes on
            log.warn("could not note the failed attempt on the outcome: {}", e.toString());
        }
    }

    private void recordFailure(QueueMessage message, DownloadMessage download, String reason) {
        String bounded = bounded(reason);
        send(PersistMessage.failed(download.executionId(), download.disclosure(), bounded));
        deadLetter(message, bounded);
    }

    private void send(PersistMessage persist) {
        String body = codec.encode(persist);
        sqs.sendMessage(b -> b.queueUrl(resources.persistQueueUrl()).messageBody(body));
    }

    private void deadLetter(QueueMessage message, String reason) {
        // A message redriven from the DLQ keeps the instant it first failed.
        String firstFailure = message.attributes().getOrDefault(Names.ATTR_FIRST_FAILURE_AT, clock.instant().toString());
        sqs.sendMessage(b -> b.queueUrl(resources.downloadDlqUrl())
                .messageBody(message.body())
                .messageAttributes(Map.of(
                        Names.ATTR_FAILURE_REASON, text(bounded(reason)),
                        Names.ATTR_FIRST_FAILURE_AT, text(firstFailure),
                        Names.ATTR_SOURCE_QUEUE, text(resources.downloadQueueUrl()))));
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static String bounded(String reason) {
        String r = reason == null || reason.isBlank() ? "unknown" : reason;
        return r.length() <= MAX_REASON_LENGTH ? r : r.substring(0, MAX_REASON_LENGTH) + "…";
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
