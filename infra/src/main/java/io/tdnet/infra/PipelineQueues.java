package io.tdnet.infra;

import io.tdnet.model.Names;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The download and persist queues, each with its DLQ. SQS-managed encryption (no KMS key to grant),
 * TLS-only queue policies, DLQs keep messages the SQS maximum of 14 days so an operator has time to
 * redrive. Each main queue's visibility timeout comes from the stage's {@link StageTimings} (in
 * production six times its consumer's function timeout).
 */
public final class PipelineQueues extends Construct {

    static final Duration DLQ_RETENTION = Duration.days(14);
    /**
     * Main queues keep messages 14 days too (instead of the 4-day default): a message must never expire
     * silently in its source queue, e.g. while the consumers are broken over a long holiday weekend.
     */
    static final Duration QUEUE_RETENTION = Duration.days(14);

    private final Queue downloadQueue;
    private final Queue downloadDlq;
    private final Queue persistQueue;
    private final Queue persistDlq;

    public PipelineQueues(Construct scope, String id, String stage, StageTimings timings) {
        super(scope, id);
        downloadDlq = dlq("DownloadDlq", Names.staged(Names.DOWNLOAD_DLQ, stage));
        downloadQueue = queue("DownloadQueue", Names.staged(Names.DOWNLOAD_QUEUE, stage),
                StageTimings.cdk(timings.downloadVisibility()), downloadDlq, Names.DOWNLOAD_MAX_RECEIVE_COUNT);
        persistDlq = dlq("PersistDlq", Names.staged(Names.PERSIST_DLQ, stage));
        persistQueue = queue("PersistQueue", Names.staged(Names.PERSIST_QUEUE, stage),
                StageTimings.cdk(timings.persistVisibility()), persistDlq, Names.PERSIST_MAX_RECEIVE_COUNT);
    }

    private Queue dlq(String id, String name) {
        return Queue.Builder.create(this, id)
                .queueName(name)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DLQ_RETENTION)
                .build();
    }

    private Queue queue(String id, String name, Duration visibility, Queue dlq, int maxReceiveCount) {
        return Queue.Builder.create(this, id)
                .queueName(name)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(QUEUE_RETENTION)
                .visibilityTimeout(visibility)
                .deadLetterQueue(DeadLetterQueue.builder().queue(dlq).maxReceiveCount(maxReceiveCount).build())
                .build();
    }

    public Queue downloadQueue() { return downloadQueue; }
    public Queue downloadDlq() { return downloadDlq; }
    public Queue persistQueue() { return persistQueue; }
    public Queue persistDlq() { return persistDlq; }
}
