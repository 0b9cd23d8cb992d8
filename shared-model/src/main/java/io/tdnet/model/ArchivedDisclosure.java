package io.tdnet.model;

import java.time.OffsetDateTime;

/**
 * A disclosure as the archive holds it: list metadata plus where its PDF is, and its XBRL zip when one
 * was archived ({@code xbrl} null otherwise).
 */
public record ArchivedDisclosure(
        Disclosure disclosure,
        StoredPdf pdf,
        String firstExecutionId,
        OffsetDateTime storedAt,
        OffsetDateTime withdrawnAt,
        StoredXbrl xbrl) {

    /** Without an XBRL. */
    public ArchivedDisclosure(Disclosure disclosure, StoredPdf pdf, String firstExecutionId, OffsetDateTime storedAt,
                              OffsetDateTime withdrawnAt) {
        this(disclosure, pdf, firstExecutionId, storedAt, withdrawnAt, null);
    }
}
