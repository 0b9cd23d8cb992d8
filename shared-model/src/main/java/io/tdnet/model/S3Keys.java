package io.tdnet.model;

import java.time.LocalDate;

/**
 * The bucket's key scheme: {@code pdf/YYYY/MM/DD/<disclosure_id>.pdf} and {@code xbrl/YYYY/MM/DD/<disclosure_id>.zip},
 * date = disclosure date (JST).
 */
public final class S3Keys {
    private S3Keys() {}

    public static final String PDF_PREFIX = "pdf/";
    public static final String XBRL_PREFIX = "xbrl/";
    /** User metadata of a stored document: its own SHA-256 (hex) and size, written with it (ArchiveWriter). */
    public static final String META_SHA256 = "sha256";
    public static final String META_BYTES = "bytes";

    public static String pdfKey(LocalDate disclosedDate, DisclosureId id) {
        return String.format("%s%04d/%02d/%02d/%s.pdf", PDF_PREFIX,
                disclosedDate.getYear(), disclosedDate.getMonthValue(), disclosedDate.getDayOfMonth(), id.value());
    }

    /** {@code xbrl/YYYY/MM/DD/<disclosure_id>.zip}: keyed by the PDF's id, not the zip's own name. */
    public static String xbrlKey(LocalDate disclosedDate, DisclosureId id) {
        return String.format("%s%04d/%02d/%02d/%s.zip", XBRL_PREFIX,
                disclosedDate.getYear(), disclosedDate.getMonthValue(), disclosedDate.getDayOfMonth(), id.value());
    }
}
