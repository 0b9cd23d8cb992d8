package io.tdnet.dlq;

/** Progress of a redrive as it happens (the CLI prints it). */
public interface RedriveProgress {
    /** A message was moved (or, in a dry run, selected). */
    default void moved(MovedMessage message) {}

    /** A move task reported its progress. */
    default void moveTask(MoveTaskResult status) {}

    static RedriveProgress silent() {
        return new RedriveProgress() {};
    }
}
