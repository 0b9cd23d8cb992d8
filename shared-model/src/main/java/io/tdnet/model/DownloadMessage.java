package io.tdnet.model;

import java.util.Objects;

/** download-queue body: one disclosure to fetch for one execution. */
public record DownloadMessage(int schemaVersion, String executionId, Disclosure disclosure) {
    public static final int SCHEMA_VERSION = 1;

    public DownloadMessage {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(disclosure, "disclosure");
    }

    public static DownloadMessage of(String executionId, Disclosure disclosure) {
        return new DownloadMessage(SCHEMA_VERSION, executionId, disclosure);
    }
}
