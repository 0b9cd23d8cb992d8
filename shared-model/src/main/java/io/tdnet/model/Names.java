package io.tdnet.model;

/**
 * Every name that code and infrastructure share: queues, tables, indexes, the bucket, message
 * attributes. The CDK stack and the running code both read these constants, so a rename cannot leave
 * one side behind (the predecessor's metrics died of exactly that).
 *
 * <p>On AWS each name gets the stage suffix ({@link #staged(String, String)}); locally the plain name
 * is used.
 */
public final class Names {
    private Names() {}

    public static final String DOWNLOAD_QUEUE = "tdnet-download";
    public static final String DOWNLOAD_DLQ = "tdnet-download-dlq";
    public static final String PERSIST_QUEUE = "tdnet-persist";
    public static final String PERSIST_DLQ = "tdnet-persist-dlq";

    public static final String DISCLOSURES_TABLE = "tdnet-disclosures";
    public static final String EXECUTIONS_TABLE = "tdnet-executions";

    /** GSI on disclosures: PK {@code disclosed_date}, SK {@code disclosed_at_id}. */
    public static final String DISCLOSURES_BY_DATE_INDEX = "by-date";
    /** GSI on disclosures: PK {@code company_code}, SK {@code disclosed_at_id}. */
    public static final String DISCLOSURES_BY_COMPANY_INDEX = "by-company";
    /** Sparse GSI on executions (summary rows only): PK {@code target_date}, SK {@code started_at}. */
    public static final String EXECUTIONS_BY_DATE_INDEX = "by-target-date";

    public static final String BUCKET = "tdnet-archive";

    /** The one slot schedule toward TDnet shared by every process of a deployment; PK {@code schedule}. */
    public static final String PACER_TABLE = "tdnet-pacer";
    /** Partition key of {@link #PACER_TABLE}. */
    public static final String PACER_KEY = "schedule";

    /** How many times SQS delivers a message before moving it to the DLQ (see the downloader's retry schedule). */
    public static final int DOWNLOAD_MAX_RECEIVE_COUNT = 12;
    public static final int PERSIST_MAX_RECEIVE_COUNT = 10;

    /** SQS message attribute carrying why a message was put in a DLQ by our code. */
    public static final String ATTR_FAILURE_REASON = "failure_reason";
    /** SQS message attribute: ISO-8601 instant of the first permanent failure. */
    public static final String ATTR_FIRST_FAILURE_AT = "first_failure_at";
    /** SQS message attribute: the queue the DLQ message came from (for redrive). */
    public static final String ATTR_SOURCE_QUEUE = "source_queue";

    /** Appends the deployment stage to a name; a blank stage leaves it as it is. */
    public static String staged(String name, String stage) {
        return stage == null || stage.isBlank() ? name : name + "-" + stage;
    }
}
