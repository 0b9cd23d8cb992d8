package io.tdnet.model;

import java.util.List;
import java.util.Map;

/**
 * The stack's name and its CloudFormation output keys: the one definition the stack (infra, which
 * declares the outputs) and the CLI's {@code --aws} mode (which reads them through DescribeStacks)
 * share. The deployed names are read, never rebuilt: the bucket's carries the account id.
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

    /** Every output the stack declares, in declaration order. */
    public static final List<String> ALL = List.of(DOWNLOAD_QUEUE_URL, DOWNLOAD_DLQ_URL, PERSIST_QUEUE_URL,
            PERSIST_DLQ_URL, BUCKET, DISCLOSURES_TABLE, EXECUTIONS_TABLE, PACER_TABLE, RATE, ALARM_TOPIC_ARN, DASHBOARD);

    /** The CloudFormation stack name of one stage. */
    public static String stackName(String stage) {
        return Names.staged(STACK, stage);
    }

    /**
     * The pipeline's resources from a stack's outputs; fails naming the missing output and the stack
     * (a stack deployed from an older template).
     */
    public static PipelineResources resources(Map<String, String> outputs, String stackName) {
        return PipelineResources.read(key -> {
            String value = outputs.get(OUTPUT_OF.get(key));
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("stack " + stackName + " has no output " + OUTPUT_OF.get(key)
                        + "; deploy the current template (infra/DEPLOY.md)");
            }
            return value;
        });
    }

    /** Which output carries the value a Lambda gets in each environment variable. */
    private static final Map<String, String> OUTPUT_OF = Map.of(
            EnvVars.DOWNLOAD_QUEUE_URL, DOWNLOAD_QUEUE_URL,
            EnvVars.DOWNLOAD_DLQ_URL, DOWNLOAD_DLQ_URL,
            EnvVars.PERSIST_QUEUE_URL, PERSIST_QUEUE_URL,
            EnvVars.PERSIST_DLQ_URL, PERSIST_DLQ_URL,
            EnvVars.DISCLOSURES_TABLE, DISCLOSURES_TABLE,
            EnvVars.EXECUTIONS_TABLE, EXECUTIONS_TABLE,
            EnvVars.BUCKET, BUCKET);
}
