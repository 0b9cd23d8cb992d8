package io.tdnet.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One row of the TDnet list with a valid document link, as the lister read it.
 *
 * @param disclosedAt date from the page, time from the row, offset +09:00
 * @param previousTitle the struck-through title of a retitled row, else null
 * @param history the history cell when it says something (retitled/deleted), else null
 * @param xbrlUrl absolute URL of the XBRL zip, or null
 */
public record Disclosure(
        DisclosureId disclosureId,
        LocalDate disclosedDate,
        OffsetDateTime disclosedAt,
        String companyCode,
        String companyName,
        String title,
        String previousTitle,
        String exchanges,
        String history,
        String pdfUrl,
        String xbrlUrl) {

    public Disclosure {
        Objects.requireNonNull(disclosureId, "disclosureId");
        Objects.requireNonNull(disclosedDate, "disclosedDate");
        Objects.requireNonNull(disclosedAt, "disclosedAt");
        Objects.requireNonNull(pdfUrl, "pdfUrl");
    }

    public String pdfS3Key() {
        return S3Keys.pdfKey(disclosedDate, disclosureId);
    }

    public String xbrlS3Key() {
        return S3Keys.xbrlKey(disclosedDate, disclosureId);
    }
}
