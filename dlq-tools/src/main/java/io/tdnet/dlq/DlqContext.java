package io.tdnet.dlq;

/**
 * What the {@code dlq} commands need from the CLI that mounts them. The CLI resolves it after parsing
 * its own options ({@code --aws}, {@code --profile}, {@code --region}, {@code --stage},
 * {@code --endpoint-url} or the local data directory), so the methods are called only when a command runs.
 */
public interface DlqContext {
    /** The service over the SqsClient and resources of the chosen mode. */
    DeadLetterQueues queues();

    /** True against a deployed stack: an unfiltered redrive then uses SQS's own move task. */
    boolean aws();

    /** What runs after a redrive: locally the workers until the messages settle; on AWS nothing. */
    RedriveFollowUp followUp();

    /**
     * What {@code purge} does with each message before deleting it: the CLI records its outcome FAILED
     * {@code purged} so the execution still settles. Records nothing by default.
     */
    default java.util.function.Consumer<DeadLetter> purgedOutcomes() {
        return letter -> {};
    }

    /** A context of fixed parts (tests, and a CLI that builds everything up front). */
    static DlqContext of(DeadLetterQueues queues, boolean aws, RedriveFollowUp followUp) {
        return new Fixed(queues, aws, followUp);
    }

    /** {@link #of} as a record. */
    record Fixed(DeadLetterQueues queues, boolean aws, RedriveFollowUp followUp) implements DlqContext {}
}
