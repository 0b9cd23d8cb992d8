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
    /**
     * Uploads land here first and are copied to the final key with their sha256 as metadata. A flat
     * prefix, not a folder: a filesystem-backed S3 (S3Proxy locally) removes a folder when its last
     * object is deleted, racing with a concurrent upload into the same folder.
     */
    public static final String STAGING_PREFIX = "staging-";
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

    public static String stagingKey(DisclosureId id, String uploadToken) {
        return STAGING_PREFIX + id.value() + "-" + uploadToken;
    }
}
