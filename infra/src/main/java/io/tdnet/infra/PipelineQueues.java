package io.tdnet.infra;

import io.tdnet.model.Names;
import io.tdnet.model.QueueRetention;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The download and persist queues, each with its DLQ. SQS-managed encryption (no KMS key to grant),
 * TLS-only queue policies. Retention follows {@link QueueRetention}: DLQs keep messages the SQS maximum
 * of 14 days, source queues 7 days, so a message keeps at least 7 days in its DLQ however long it was
 * retried (it keeps its original enqueue time when it moves); building the stack fails if a source queue
 * would not outlive its worst-case retry horizon. Each main queue's visibility timeout comes from the
 * stage's {@link StageTimings} (in production six times its consumer's function timeout).
 */
public final class PipelineQueues extends Construct {

    static final Duration DLQ_RETENTION = Duration.days(QueueRetention.DLQ_RETENTION.toDays());
    /**
     * Main queues keep messages 7 days (instead of the 4-day default): longer than any retry horizon, so
     * a message never expires while it is still retried, and 7 days shorter than their DLQ's.
     */
    static final Duration QUEUE_RETENTION = Duration.days(QueueRetention.SOURCE_RETENTION.toDays());

    private final Queue downloadQueue;
    private final Queue downloadDlq;
    private final Queue persistQueue;
    private final Queue persistDlq;
    private final java.time.Duration downloadVisibility;
    private final java.time.Duration persistVisibility;

    public PipelineQueues(Construct scope, String id, String stage, StageTimings timings) {
        super(scope, id);
        downloadVisibility = timings.downloadVisibility();
        persistVisibility = timings.persistVisibility();
        downloadDlq = dlq("DownloadDlq", Names.staged(Names.DOWNLOAD_DLQ, stage));
        // The downloader sets a message's visibility itself (growing, or Retry-After) up to SQS's maximum.
        downloadQueue = queue("DownloadQueue", Names.staged(Names.DOWNLOAD_QUEUE, stage),
                timings.downloadVisibility(), timings.downloaderTimeout(), downloadDlq, Names.DOWNLOAD_MAX_RECEIVE_COUNT,
                QueueRetention.SQS_MAX_VISIBILITY);
        persistDlq = dlq("PersistDlq", Names.staged(Names.PERSIST_DLQ, stage));
        persistQueue = queue("PersistQueue", Names.staged(Names.PERSIST_QUEUE, stage),
                timings.persistVisibility(), timings.persisterTimeout(), persistDlq, Names.PERSIST_MAX_RECEIVE_COUNT, null);
    }

    private Queue dlq(String id, String name) {
        return Queue.Builder.create(this, id)
                .queueName(name)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DLQ_RETENTION)
                .build();
    }

    /**
     * @param consumerSetVisibility the longest visibility the consumer itself sets on a failed message,
     *     or null when it leaves the queue's own
     */
    private Queue queue(String id, String name, java.time.Duration visibility, java.time.Duration consumerTimeout,
                        Queue dlq, int maxReceiveCount, java.time.Duration consumerSetVisibility) {
        java.time.Duration longestWait = visibility;
        if (consumerSetVisibility != null && consumerSetVisibility.compareTo(longestWait) > 0) longestWait = consumerSetVisibility;
        java.time.Duration horizon = QueueRetention.retryHorizon(maxReceiveCount, longestWait, consumerTimeout);
        if (horizon.compareTo(QueueRetention.SOURCE_RETENTION) > 0) {
            throw new IllegalStateException(name + ": messages would expire while still retried (retry horizon "
                    + horizon + " > retention " + QueueRetention.SOURCE_RETENTION + ")");
        }
        return Queue.Builder.create(this, id)
                .queueName(name)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(QUEUE_RETENTION)
                .visibilityTimeout(StageTimings.cdk(visibility))
                .deadLetterQueue(DeadLetterQueue.builder().queue(dlq).maxReceiveCount(maxReceiveCount).build())
                .build();
    }

    public Queue downloadQueue() { return downloadQueue; }
    public Queue downloadDlq() { return downloadDlq; }
    public Queue persistQueue() { return persistQueue; }
    public Queue persistDlq() { return persistDlq; }
    /** The download queue's visibility timeout (the reconciler's horizon is built from it). */
    public java.time.Duration downloadVisibility() { return downloadVisibility; }
    public java.time.Duration persistVisibility() { return persistVisibility; }
}
