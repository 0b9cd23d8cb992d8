package io.tdnet.infra;

import io.tdnet.model.StackOutputs;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The whole pipeline in one stack: queues, archive storage, the TDnet schedule (rate parameter and pacer table), the three Lambdas with their schedule and
 * event sources, dashboard and alarms. Every name comes from shared-model, staged with
 * {@link TdnetStackConfig#stage()}.
 */
public final class TdnetStack extends Stack {

    private final PipelineQueues queues;
    private final ArchiveStorage storage;
    private final TdnetSchedule schedule;
    private final PipelineFunctions functions;
    private final PipelineMonitoring monitoring;

    public TdnetStack(Construct scope, String id, StackProps props, TdnetStackConfig config) {
        super(scope, id, props);
        queues = new PipelineQueues(this, "Queues", config.stage(), config.timings());
        storage = new ArchiveStorage(this, "Storage", config.stage());
        schedule = new TdnetSchedule(this, "Schedule", config);
        functions = new PipelineFunctions(this, "Functions", config, queues, storage, schedule);
        monitoring = new PipelineMonitoring(this, "Monitoring", config, functions);

        output(StackOutputs.DOWNLOAD_QUEUE_URL, queues.downloadQueue().getQueueUrl(), "Download queue URL");
        output(StackOutputs.DOWNLOAD_DLQ_URL, queues.downloadDlq().getQueueUrl(), "Download DLQ URL");
        output(StackOutputs.PERSIST_QUEUE_URL, queues.persistQueue().getQueueUrl(), "Persist queue URL");
        output(StackOutputs.PERSIST_DLQ_URL, queues.persistDlq().getQueueUrl(), "Persist DLQ URL");
        output(StackOutputs.BUCKET, storage.bucket().getBucketName(), "PDF archive bucket");
        output(StackOutputs.DISCLOSURES_TABLE, storage.disclosures().getTableName(), "Disclosures table");
        output(StackOutputs.EXECUTIONS_TABLE, storage.executions().getTableName(), "Executions table");
        output(StackOutputs.PACER_TABLE, schedule.table().getTableName(), "The shared TDnet slot schedule (pacer)");
        output(StackOutputs.RATE, schedule.rateValue(), "Requests per second to TDnet for the whole deployment");
        output(StackOutputs.ALARM_TOPIC_ARN, monitoring.topic().getTopicArn(), "SNS topic of the alarms");
        output(StackOutputs.DASHBOARD, monitoring.dashboard().getDashboardName(), "CloudWatch dashboard");
    }

    private void output(String name, String value, String description) {
        CfnOutput.Builder.create(this, name).value(value).description(description).build();
    }

    public PipelineQueues queues() { return queues; }
    public ArchiveStorage storage() { return storage; }
    public PipelineFunctions functions() { return functions; }
    public TdnetSchedule schedule() { return schedule; }
    public PipelineMonitoring monitoring() { return monitoring; }
}
