package io.tdnet.dlq;

/**
 * Called by the message-by-message mover after a message was sent to its source queue and before it
 * is deleted from the DLQ: the one moment where dying duplicates a message instead of losing it. Tests
 * plug a crash in here.
 */
@FunctionalInterface
public interface MoveCheckpoint {
    void sentNotYetDeleted(MovedMessage message);

    static MoveCheckpoint none() {
        return message -> {};
    }
}
