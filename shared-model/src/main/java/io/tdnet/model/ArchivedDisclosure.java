package io.tdnet.model;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * The fields {@code tdnet export} writes and {@code tdnet serve} returns, in column order, with their
     * raw values (each output encodes them: JSON escapes, CSV quotes and neutralises formulas).
     */
    public Map<String, Object> fields() {
        Disclosure d = disclosure;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("disclosure_id", d.disclosureId().value());
        row.put("disclosed_date", d.disclosedDate().toString());
        row.put("disclosed_at", IsoTime.format(d.disclosedAt()));
        row.put("company_code", d.companyCode());
        row.put("company_name", d.companyName());
        row.put("title", d.title());
        row.put("previous_title", d.previousTitle());
        row.put("exchanges", d.exchanges());
        row.put("history", d.history());
        row.put("withdrawn_at", IsoTime.format(withdrawnAt));
        row.put("pdf_url", d.pdfUrl());
        row.put("xbrl_url", d.xbrlUrl());
        row.put("pdf_s3_key", pdf.s3Key());
        row.put("pdf_sha256", pdf.sha256());
        row.put("pdf_bytes", pdf.bytes());
        row.put("xbrl_s3_key", xbrl == null ? null : xbrl.s3Key());
        row.put("xbrl_sha256", xbrl == null ? null : xbrl.sha256());
        return row;
    }
}
