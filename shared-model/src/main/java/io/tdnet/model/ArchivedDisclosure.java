package io.tdnet.model;

import java.time.OffsetDateTime;

/** A disclosure as the archive holds it: list metadata plus where its PDF is. */
public record ArchivedDisclosure(
        Disclosure disclosure,
        StoredPdf pdf,
        String firstExecutionId,
        OffsetDateTime storedAt,
        OffsetDateTime withdrawnAt) {}
