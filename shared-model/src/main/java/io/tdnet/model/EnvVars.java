package io.tdnet.model;

/** Environment variable names read by the Lambda handlers and set by the CDK stack. */
public final class EnvVars {
    private EnvVars() {}

    /** Set by the Lambda runtime; the functions' SDK clients require it. */
    public static final String AWS_REGION = "AWS_REGION";
    public static final String STAGE = "TDNET_STAGE";
    /**
     * The CloudFormation stack that deployed the function: named in the error a function fails its init
     * (or SnapStart restore) with when one of its resources does not answer.
     */
    public static final String STACK = "TDNET_STACK";
    public static final String TDNET_BASE_URL = "TDNET_BASE_URL";
    /** Requests per second to TDnet, list pages and documents together, for the whole deployment. */
    public static final String TDNET_RATE = "TDNET_RATE";
    /** The table holding the deployment's one TDnet slot schedule (the shared pacer). */
    public static final String PACER_TABLE = "TDNET_PACER_TABLE";
    /**
     * A file the pacer appends its send instants and given-up slots to (the politeness benchmark through the
     * AWS twin, which injects it); the stack never sets it, so on AWS nothing is written.
     */
    public static final String SEND_LOG = "TDNET_SEND_LOG";
    public static final String MAX_PDF_BYTES = "TDNET_MAX_PDF_BYTES";
    public static final String USER_AGENT = "TDNET_USER_AGENT";
    /** "true": the lister asks for each listed disclosure's XBRL zip too (stack parameter {@code WithXbrl}). */
    public static final String WITH_XBRL = "TDNET_WITH_XBRL";
    public static final String MAX_XBRL_BYTES = "TDNET_MAX_XBRL_BYTES";
    public static final String DOWNLOAD_QUEUE_URL = "TDNET_DOWNLOAD_QUEUE_URL";
    public static final String DOWNLOAD_DLQ_URL = "TDNET_DOWNLOAD_DLQ_URL";
    public static final String PERSIST_QUEUE_URL = "TDNET_PERSIST_QUEUE_URL";
    public static final String PERSIST_DLQ_URL = "TDNET_PERSIST_DLQ_URL";
    public static final String DISCLOSURES_TABLE = "TDNET_DISCLOSURES_TABLE";
    public static final String EXECUTIONS_TABLE = "TDNET_EXECUTIONS_TABLE";
    public static final String BUCKET = "TDNET_BUCKET";
    /** The reconciler: seconds after a message's last sign of life past which it is gone ({@link SettleHorizon}). */
    public static final String SETTLE_HORIZON_SECONDS = "TDNET_SETTLE_HORIZON_SECONDS";
    /** The reconciler: seconds an execution may run before it counts as unsettled past its deadline. */
    public static final String UNSETTLED_DEADLINE_SECONDS = "TDNET_UNSETTLED_DEADLINE_SECONDS";
    /** Endpoint override for all AWS clients (LocalStack/moto-style servers, tests). */
    public static final String AWS_ENDPOINT_URL = "TDNET_AWS_ENDPOINT_URL";
    /** The metric namespace, also fixed in the IAM condition; Powertools reads this name. */
    public static final String METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
}
