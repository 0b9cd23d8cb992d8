package io.tdnet.dlq;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of one DLQ.
 *
 * @param visible ApproximateNumberOfMessages
 * @param inFlight ApproximateNumberOfMessagesNotVisible (being looked at by someone right now)
 * @param oldestAge age of the oldest message read, from its SentTimestamp (SQS has no queue attribute
 *     for a DLQ's oldest message); null when no message could be read
 * @param countsByReason messages read, by failure reason, most frequent first
 * @param scanned how many messages were read for the age and the counts (in-flight ones cannot be)
 * @param unreadable how many of those had a body that is not a pipeline message
 * @param redrivesTo where its messages go back to
 */
public record DlqSummary(
        QueueKind queue,
        String dlqUrl,
        long visible,
        long inFlight,
        Duration oldestAge,
        Map<String, Long> countsByReason,
        int scanned,
        int unreadable,
        RedriveTarget redrivesTo) {

    public DlqSummary {
        // Keeps the caller's order (most frequent first).
        countsByReason = Collections.unmodifiableMap(new LinkedHashMap<>(countsByReason));
    }

    /** Visible plus in flight: every message the DLQ holds. */
    public long depth() {
        return visible + inFlight;
    }

    /**
     * The queue a DLQ redrives to.
     *
     * @param maxReceiveCount from the source queue's RedrivePolicy, null when it has none
     * @param confirmedByRedrivePolicy true when the source queue's RedrivePolicy names this DLQ; false
     *     when the pairing comes only from the pipeline's resources
     */
    public record RedriveTarget(String queueUrl, Integer maxReceiveCount, boolean confirmedByRedrivePolicy) {}
}
