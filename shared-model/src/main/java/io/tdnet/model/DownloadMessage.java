package io.tdnet.model;

import java.util.Objects;

/**
 * download-queue body: one disclosure to fetch for one execution.
 *
 * @param fetchXbrl the execution runs with XBRL: fetch the disclosure's XBRL zip too, when it has one
 *     (absent in bodies written before the field existed: false)
 */
public record DownloadMessage(int schemaVersion, String executionId, Disclosure disclosure, boolean fetchXbrl) {
    public static final int SCHEMA_VERSION = 1;

    public DownloadMessage {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(disclosure, "disclosure");
    }

    public static DownloadMessage of(String executionId, Disclosure disclosure) {
        return of(executionId, disclosure, false);
    }

    public static DownloadMessage of(String executionId, Disclosure disclosure, boolean fetchXbrl) {
        return new DownloadMessage(SCHEMA_VERSION, executionId, disclosure, fetchXbrl);
    }

    /** True when this message asks for an XBRL and the disclosure links one. */
    public boolean wantsXbrl() {
        return fetchXbrl && disclosure.xbrlUrl() != null;
    }
}
