package io.tdnet.reconciler;

/** Why a PENDING outcome's message can no longer arrive: the reason its FAILED outcome carries. */
public enum GoneReason {
    /** SQS moved it to a DLQ by its receive count; {@code tdnet dlq redrive} can still store it. */
    DEAD_LETTERED("dead-lettered"),
    /** In no live queue and no DLQ (expired, deleted by hand). */
    LOST("lost"),
    /** {@code tdnet dlq purge} deleted its DLQ copy. */
    PURGED("purged");

    private final String reason;

    GoneReason(String reason) {
        this.reason = reason;
    }

    /** The outcome's reason text. */
    public String reason() {
        return reason;
    }
}
