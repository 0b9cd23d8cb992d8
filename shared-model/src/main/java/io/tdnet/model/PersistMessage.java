package io.tdnet.model;

import java.util.Objects;

/**
 * persist-queue body: the downloader's verdict on one disclosure. Either the PDF is stored
 * ({@code pdf} set, {@code failureReason} null) or the download failed permanently ({@code pdf} null,
 * {@code failureReason} set). The persister is the one writer of outcomes and counters.
 */
public record PersistMessage(
        int schemaVersion, String executionId, Disclosure disclosure, StoredPdf pdf, String failureReason) {
    public static final int SCHEMA_VERSION = 1;

    public PersistMessage {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(disclosure, "disclosure");
        if ((pdf == null) == (failureReason == null)) {
            throw new IllegalArgumentException("a persist message carries either a stored pdf or a failure reason");
        }
    }

    public static PersistMessage stored(String executionId, Disclosure disclosure, StoredPdf pdf) {
        return new PersistMessage(SCHEMA_VERSION, executionId, disclosure, pdf, null);
    }

    public static PersistMessage failed(String executionId, Disclosure disclosure, String reason) {
        return new PersistMessage(SCHEMA_VERSION, executionId, disclosure, null, reason);
    }

    public boolean isFailure() {
        return failureReason != null;
    }
}
