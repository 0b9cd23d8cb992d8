package io.tdnet.infra;

import io.tdnet.model.Names;

/**
 * Names of the resources only the stack knows (functions, log groups, topic, dashboard). Data-plane
 * names (queues, tables, bucket) come from {@link Names}; every name here is staged the same way.
 */
public final class ResourceNames {
    private ResourceNames() {}

    public static final String LISTER_FUNCTION = "tdnet-lister";
    public static final String DOWNLOADER_FUNCTION = "tdnet-downloader";
    public static final String PERSISTER_FUNCTION = "tdnet-persister";
    public static final String RECONCILER_FUNCTION = "tdnet-reconciler";
    public static final String ALARM_TOPIC = "tdnet-alarms";
    public static final String DASHBOARD = "tdnet-pipeline";
    /** Alias every event source and the schedule invoke: it points at the published (SnapStart) version. */
    public static final String LIVE_ALIAS = "live";

    /** The CloudFormation parameter holding the alert e-mail address (empty: no subscription). */
    public static final String ALERT_EMAIL_PARAMETER = "AlertEmail";

    /** The bucket name needs global uniqueness: the staged name plus the account id. */
    public static String bucketName(String stage, String account) {
        return Names.staged(Names.BUCKET, stage) + "-" + account;
    }

    public static String logGroupName(String functionName) {
        return "/aws/lambda/" + functionName;
    }
}
