package io.tdnet.dlq;

import io.tdnet.model.DisclosureId;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to move back from the DLQs.
 *
 * @param queue the DLQ to redrive, null for both
 * @param disclosureIds only these disclosures (empty: any)
 * @param reasonContains only messages whose reason contains this text, case-insensitively (null: any)
 * @param disclosedDate only disclosures of this date (null: any)
 * @param dryRun move nothing, report what would move
 * @param maxPerSecond most messages moved per second, null for no limit
 * @param useMoveTask the DLQ is on AWS: an unfiltered redrive may hand the work to SQS's own
 *     StartMessageMoveTask instead of moving message by message
 */
public record RedriveRequest(
        QueueKind queue,
        Set<String> disclosureIds,
        String reasonContains,
        LocalDate disclosedDate,
        boolean dryRun,
        Integer maxPerSecond,
        boolean useMoveTask) {

    public RedriveRequest {
        disclosureIds = disclosureIds == null ? Set.of() : Set.copyOf(disclosureIds);
        for (String id : disclosureIds) {
            // Validates: an id from the command line reaches log lines and output.
            DisclosureId.of(id);
        }
        if (reasonContains != null && reasonContains.isBlank()) reasonContains = null;
        if (maxPerSecond != null && maxPerSecond < 1) {
            throw new IllegalArgumentException("max messages per second must be at least 1: " + maxPerSecond);
        }
    }

    /** Everything in one DLQ (null: both), moved message by message, no limit. */
    public static RedriveRequest everything(QueueKind queue) {
        return new RedriveRequest(queue, Set.of(), null, null, false, null, false);
    }

    public RedriveRequest withDisclosureIds(Set<String> ids) {
        return new RedriveRequest(queue, ids, reasonContains, disclosedDate, dryRun, maxPerSecond, useMoveTask);
    }

    public RedriveRequest withReasonContaining(String text) {
        return new RedriveRequest(queue, disclosureIds, text, disclosedDate, dryRun, maxPerSecond, useMoveTask);
    }

    public RedriveRequest withDisclosedDate(LocalDate date) {
        return new RedriveRequest(queue, disclosureIds, reasonContains, date, dryRun, maxPerSecond, useMoveTask);
    }

    public RedriveRequest withDryRun(boolean dry) {
        return new RedriveRequest(queue, disclosureIds, reasonContains, disclosedDate, dry, maxPerSecond, useMoveTask);
    }

    public RedriveRequest withMaxPerSecond(Integer rate) {
        return new RedriveRequest(queue, disclosureIds, reasonContains, disclosedDate, dryRun, rate, useMoveTask);
    }

    public RedriveRequest withMoveTask(boolean moveTask) {
        return new RedriveRequest(queue, disclosureIds, reasonContains, disclosedDate, dryRun, maxPerSecond, moveTask);
    }

    public boolean hasFilter() {
        return !disclosureIds.isEmpty() || reasonContains != null || disclosedDate != null;
    }

    /** The DLQs this request covers, in the order they are redriven. */
    public List<QueueKind> queues() {
        return queue == null ? List.of(QueueKind.values()) : List.of(queue);
    }

    /** Whether a DLQ message is selected. An unreadable body can match only an empty or reason filter. */
    public boolean matches(DeadLetter letter) {
        if (!disclosureIds.isEmpty() && (letter.disclosureId() == null || !disclosureIds.contains(letter.disclosureId()))) {
            return false;
        }
        if (disclosedDate != null && !disclosedDate.equals(letter.disclosedDate())) {
            return false;
        }
        return reasonContains == null
                || letter.reason().toLowerCase(Locale.ROOT).contains(reasonContains.toLowerCase(Locale.ROOT));
    }
}
