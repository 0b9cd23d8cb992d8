package io.tdnet.dlq;

import io.tdnet.model.Names;
import io.tdnet.model.PipelineResources;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Finds a deployed stage's queues by their staged names (for {@code --aws}). */
public final class QueueDirectory {
    private QueueDirectory() {}

    /**
     * The resources of one deployment stage: queue URLs from GetQueueUrl of the staged queue names,
     * table and bucket names staged the same way. Fails (QueueDoesNotExistException) naming a missing queue.
     */
    public static PipelineResources resolve(SqsClient sqs, String stage) {
        return new PipelineResources(
                url(sqs, Names.staged(Names.DOWNLOAD_QUEUE, stage)),
                url(sqs, Names.staged(Names.DOWNLOAD_DLQ, stage)),
                url(sqs, Names.staged(Names.PERSIST_QUEUE, stage)),
                url(sqs, Names.staged(Names.PERSIST_DLQ, stage)),
                Names.staged(Names.DISCLOSURES_TABLE, stage),
                Names.staged(Names.EXECUTIONS_TABLE, stage),
                Names.staged(Names.BUCKET, stage));
    }

    private static String url(SqsClient sqs, String queueName) {
        return sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
    }
}
