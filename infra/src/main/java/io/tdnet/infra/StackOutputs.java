package io.tdnet.infra;

import io.tdnet.model.Names;

/**
 * Names of the stack and of its CloudFormation outputs. The CLI's {@code --aws} mode reads the
 * deployed queue URLs, bucket and tables from these outputs (the bucket name carries the account id,
 * so it cannot be derived from shared-model alone).
 */
public final class StackOutputs {
    private StackOutputs() {}

    /** Base stack name; the deployed stack is {@code Names.staged(STACK, stage)}, e.g. {@code TdnetPipeline-prod}. */
    public static final String STACK = "TdnetPipeline";

    public static final String DOWNLOAD_QUEUE_URL = "DownloadQueueUrl";
    public static final String DOWNLOAD_DLQ_URL = "DownloadDlqUrl";
    public static final String PERSIST_QUEUE_URL = "PersistQueueUrl";
    public static final String PERSIST_DLQ_URL = "PersistDlqUrl";
    public static final String BUCKET = "BucketName";
    public static final String DISCLOSURES_TABLE = "DisclosuresTableName";
    public static final String EXECUTIONS_TABLE = "ExecutionsTableName";
    /** The pacer table: {@code collect --aws} and {@code dlq redrive} reserve their TDnet requests in it too. */
    public static final String PACER_TABLE = "PacerTableName";
    /** R, the deployment's rate toward TDnet (the stack parameter's value). */
    public static final String RATE = "RatePerSecond";
    public static final String ALARM_TOPIC_ARN = "AlarmTopicArn";
    public static final String DASHBOARD = "DashboardName";

    /** The CloudFormation stack name of one stage. */
    public static String stackName(String stage) {
        return Names.staged(STACK, stage);
    }
}
