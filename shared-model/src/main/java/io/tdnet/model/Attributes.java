package io.tdnet.model;

/**
 * DynamoDB attribute names of the two tables (docs/ARCHITECTURE.md, data model). The table keys and GSI keys
 * are used by {@code infra} too.
 */
public final class Attributes {
    private Attributes() {}

    // disclosures
    public static final String DISCLOSURE_ID = "disclosure_id";
    public static final String DISCLOSED_DATE = "disclosed_date";
    public static final String DISCLOSED_AT = "disclosed_at";
    /** GSI sort key: {@code disclosed_at#disclosure_id}, unique and time-ordered. */
    public static final String DISCLOSED_AT_ID = "disclosed_at_id";
    public static final String COMPANY_CODE = "company_code";
    public static final String COMPANY_NAME = "company_name";
    public static final String TITLE = "title";
    public static final String PREVIOUS_TITLE = "previous_title";
    public static final String EXCHANGES = "exchanges";
    public static final String HISTORY = "history";
    public static final String PDF_URL = "pdf_url";
    public static final String XBRL_URL = "xbrl_url";
    public static final String PDF_S3_KEY = "pdf_s3_key";
    public static final String PDF_SHA256 = "pdf_sha256";
    public static final String PDF_BYTES = "pdf_bytes";
    public static final String XBRL_S3_KEY = "xbrl_s3_key";
    public static final String XBRL_SHA256 = "xbrl_sha256";
    public static final String XBRL_BYTES = "xbrl_bytes";
    public static final String FIRST_EXECUTION_ID = "first_execution_id";
    public static final String STORED_AT = "stored_at";
    public static final String WITHDRAWN_AT = "withdrawn_at";

    // executions
    public static final String EXECUTION_ID = "execution_id";
    public static final String ENTRY = "entry";
    public static final String SUMMARY_ENTRY = "#SUMMARY";
    /** Prefix of a per-disclosure outcome row: {@code D#<disclosure_id>}. */
    public static final String OUTCOME_PREFIX = "D#";
    /** Prefix of a rejected-row outcome (no valid id): {@code R#<digest of the row>}. */
    public static final String REJECTED_PREFIX = "R#";
    public static final String TARGET_DATE = "target_date";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String BANNER_TOTAL = "banner_total";
    public static final String LISTED = "listed";
    public static final String WITHDRAWN = "withdrawn";
    public static final String STORED = "stored";
    public static final String ALREADY_PRESENT = "already_present";
    public static final String FAILED = "failed";
    /** Summary: listed rows that an earlier unsettled execution of the date had queued (invariant 1). */
    public static final String IN_FLIGHT = "in_flight";
    /** The XBRL counters of a summary: outcomes of the second artifact of disclosures whose PDF is final. */
    public static final String XBRL_STORED = "xbrl_stored";
    public static final String XBRL_ALREADY_PRESENT = "xbrl_already_present";
    public static final String XBRL_FAILED = "xbrl_failed";
    /** On an outcome row: the XBRL's outcome (STORED | ALREADY_PRESENT | FAILED) and its reason. */
    public static final String XBRL_OUTCOME = "xbrl_outcome";
    public static final String XBRL_REASON = "xbrl_reason";
    public static final String STARTED_AT = "started_at";
    public static final String UPDATED_AT = "updated_at";
    public static final String FINISHED_AT = "finished_at";
    public static final String STATUS_HISTORY = "status_history";
    public static final String TTL = "ttl";
    public static final String OUTCOME = "outcome";
    public static final String HREF = "href";
    /** A PENDING outcome row keeps the listed disclosure as JSON, so a resumed run can enqueue it again. */
    public static final String DISCLOSURE_JSON = "disclosure";
    /** Outcome rows: when the outcome last changed. */
    public static final String CHANGED_AT = "changed_at";
    /** Outcome rows moved by a batch transaction: the batch's token, so a caller that never learnt the result can ask. */
    public static final String RECORDED_BY = "recorded_by";
    /** Outcome rows (IN_FLIGHT): the earlier execution that queued the disclosure. */
    public static final String QUEUED_BY = "queued_by";
    /** Outcome rows (PENDING): failed download attempts so far, written by the downloader. */
    public static final String ATTEMPTS = "attempts";
    /** Outcome rows (PENDING): when the downloader last tried and failed (ISO-8601). */
    public static final String LAST_ATTEMPT_AT = "last_attempt_at";

    // listing lease rows in the executions table: PK {@code LEASE#<date>}, SK {@link #LEASE_ENTRY}
    public static final String LEASE_PREFIX = "LEASE#";
    public static final String LEASE_ENTRY = "#LEASE";
    public static final String LEASE_HOLDER = "holder";
    /** The fencing token: grows by one with every grant; plan writes are conditioned on it. */
    public static final String LEASE_TOKEN = "token";
    /** Epoch milliseconds after which the lease may be taken by another lister. */
    public static final String LEASE_EXPIRES_AT = "expires_at_ms";
}
