package io.tdnet.model;

import java.util.Objects;

/**
 * persist-queue body: the downloader's verdict on one disclosure. Either the PDF is stored
 * ({@code pdf} set, {@code failureReason} null) or the download failed permanently ({@code pdf} null,
 * {@code failureReason} set). The persister is the one writer of outcomes and counters.
 *
 * <p>When the execution asked for the XBRL and the PDF is stored, the verdict on the XBRL comes with it:
 * {@code xbrl} (stored) or {@code xbrlFailureReason}; both null when no XBRL was asked for, or the PDF
 * failed (the disclosure is then one failure, and its XBRL is fetched with it when it is redriven).
 */
public record PersistMessage(
        int schemaVersion, String executionId, Disclosure disclosure, StoredPdf pdf, String failureReason,
        StoredXbrl xbrl, String xbrlFailureReason) {
    public static final int SCHEMA_VERSION = 1;

    public PersistMessage {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(disclosure, "disclosure");
        if ((pdf == null) == (failureReason == null)) {
            throw new IllegalArgumentException("a persist message carries either a stored pdf or a failure reason");
        }
        if (xbrl != null && xbrlFailureReason != null) {
            throw new IllegalArgumentException("an XBRL is either stored or failed");
        }
        if (pdf == null && (xbrl != null || xbrlFailureReason != null)) {
            throw new IllegalArgumentException("an XBRL verdict comes only with a stored pdf");
        }
    }

    public static PersistMessage stored(String executionId, Disclosure disclosure, StoredPdf pdf) {
        return new PersistMessage(SCHEMA_VERSION, executionId, disclosure, pdf, null, null, null);
    }

    /** The PDF stored, and the XBRL stored ({@code xbrl} set) or failed ({@code xbrlFailureReason} set). */
    public static PersistMessage stored(String executionId, Disclosure disclosure, StoredPdf pdf, StoredXbrl xbrl,
                                        String xbrlFailureReason) {
        return new PersistMessage(SCHEMA_VERSION, executionId, disclosure, pdf, null, xbrl, xbrlFailureReason);
    }

    public static PersistMessage failed(String executionId, Disclosure disclosure, String reason) {
        return new PersistMessage(SCHEMA_VERSION, executionId, disclosure, null, reason, null, null);
    }

    public boolean isFailure() {
        return failureReason != null;
    }

    /** True when this message carries a verdict on the XBRL. */
    public boolean hasXbrlVerdict() {
        return xbrl != null || xbrlFailureReason != null;
    }
}
