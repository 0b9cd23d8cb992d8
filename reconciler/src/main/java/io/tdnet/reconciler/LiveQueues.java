package io.tdnet.reconciler;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Whether the work queues hold anything at all (visible, in flight or delayed). When both are empty, a
 * PENDING outcome of a running execution has no message left to arrive, whatever its age.
 */
public final class LiveQueues {
    private final SqsClient sqs;
    private final List<String> queueUrls;

    public LiveQueues(SqsClient sqs, String downloadQueueUrl, String persistQueueUrl) {
        this.sqs = sqs;
        this.queueUrls = List.of(downloadQueueUrl, persistQueueUrl);
    }

    public boolean drained() {
        return queueUrls.stream().allMatch(url -> depth(url) == 0);
    }

    /** A queue's own visibility timeout (what a delivery whose worker died waits before it comes back). */
    public java.time.Duration visibilityTimeout(String queueUrl) {
        String seconds = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                .attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT);
        return java.time.Duration.ofSeconds(Long.parseLong(seconds));
    }

    private long depth(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }
}
