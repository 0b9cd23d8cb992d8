package io.tdnet.downloader;

import io.tdnet.model.DisclosureId;

/**
 * Where a failed delivery is noted on its outcome (the ledger's {@code DownloadAttempts}), so the
 * reconciler can tell a message still being retried from one that can no longer arrive.
 */
@FunctionalInterface
public interface AttemptLog {
    /** Delivery {@code receiveCount} of the message for {@code id} in {@code executionId} failed transiently. */
    void failed(String executionId, DisclosureId id, int receiveCount);

    /** Notes nothing (tests of the download path alone). */
    AttemptLog NONE = (executionId, id, receiveCount) -> {};
}
