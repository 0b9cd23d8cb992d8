package io.tdnet.infra;

import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.MetricIdentity;
import io.tdnet.model.MetricNames;
import io.tdnet.model.Names;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.YAxisProps;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.CfnSubscription;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard, the alarms and their SNS topic. Queue and function metrics name the staged
 * resources literally (the names are shared-model constants), so the dashboard body can be checked
 * against them. The pipeline's own metrics, alarmed and graphed, are built from the
 * {@link MetricIdentity} catalog the code emits from (see {@link CatalogMetrics}); every identity is
 * on the dashboard.
 */
public final class PipelineMonitoring extends Construct {

    static final Duration PERIOD = Duration.minutes(5);
    private static final String SQS = "AWS/SQS";
    private static final String LAMBDA = "AWS/Lambda";

    private final Topic topic;
    private final Dashboard dashboard;
    private final List<Alarm> alarms = new ArrayList<>();

    public PipelineMonitoring(Construct scope, String id, TdnetStackConfig config,
                              PipelineFunctions functions) {
        super(scope, id);
        String stage = config.stage();
        String downloadQueue = Names.staged(Names.DOWNLOAD_QUEUE, stage);
        String downloadDlq = Names.staged(Names.DOWNLOAD_DLQ, stage);
        String persistQueue = Names.staged(Names.PERSIST_QUEUE, stage);
        String persistDlq = Names.staged(Names.PERSIST_DLQ, stage);

        topic = Topic.Builder.create(this, "AlarmTopic")
                .topicName(Names.staged(ResourceNames.ALARM_TOPIC, stage))
                .displayName("TDnet pipeline alarms (" + stage + ")")
                .enforceSsl(true)
                .build();
        subscribeOptionalEmail();

        // --- alarms ---
        alarm("DownloadDlqNotEmpty", stage, "Messages in " + downloadDlq
                        + ": downloads failed permanently or exhausted their retries (see DEPLOY.md runbook)",
                queueMetric(downloadDlq, "ApproximateNumberOfMessagesVisible"), 0, ComparisonOperator.GREATER_THAN_THRESHOLD);
        alarm("PersistDlqNotEmpty", stage, "Messages in " + persistDlq
                        + ": outcomes that could not be recorded (see DEPLOY.md runbook)",
                queueMetric(persistDlq, "ApproximateNumberOfMessagesVisible"), 0, ComparisonOperator.GREATER_THAN_THRESHOLD);
        alarm("DownloadQueueStale", stage, "Oldest message in " + downloadQueue + " older than "
                        + config.downloadAgeAlarm().toMinutes() + " min: downloads are not keeping up or TDnet is failing",
                queueMetric(downloadQueue, "ApproximateAgeOfOldestMessage"),
                config.downloadAgeAlarm().toSeconds(), ComparisonOperator.GREATER_THAN_THRESHOLD);
        alarm("PersistQueueStale", stage, "Oldest message in " + persistQueue + " older than "
                        + config.persistAgeAlarm().toMinutes() + " min: the persister is not consuming",
                queueMetric(persistQueue, "ApproximateAgeOfOldestMessage"),
                config.persistAgeAlarm().toSeconds(), ComparisonOperator.GREATER_THAN_THRESHOLD);
        alarm("ExecutionFailed", stage, "An execution ended FAILED: a TDnet day could not be read completely",
                executionsFailed(), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
        alarm("ExecutionUnsettled", stage, "An execution is still unsettled "
                        + functions.horizon().unsettledDeadline().toHours()
                        + " h after it started, past every retry and the reconciler's horizon (see `tdnet status`)",
                unsettledExecutions(), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
        for (PipelineFunctions.Named fn : functions.all()) {
            String name = fn.label();
            String functionName = fn.functionName();
            alarm(name + "Errors", stage, functionName + " invocations failed (crash, timeout, unhandled error, or a start that found a resource of the stack"
                    + " missing or refused: see its log)",
                    lambdaMetric(functionName, "Errors", "Sum"), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
            alarm(name + "Throttles", stage, functionName + " invocations were throttled",
                    lambdaMetric(functionName, "Throttles", "Sum"), 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
        }

        // --- dashboard ---
        List<String> functionNames = functions.all().stream().map(PipelineFunctions.Named::functionName).toList();
        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(Names.staged(ResourceNames.DASHBOARD, stage))
                .defaultInterval(Duration.days(1))
                .widgets(List.of(
                        List.of(TextWidget.Builder.create().width(24).height(2).markdown(
                                "# TDnet pipeline (" + stage + ")\n"
                                + "Queues: visible = waiting, in flight = being processed; any DLQ message needs an operator "
                                + "(`tdnet dlq list --aws --stage " + stage + "`). See infra/DEPLOY.md.").build()),
                        List.of(queueWidget(downloadQueue), queueWidget(persistQueue),
                                queueWidget(downloadDlq), queueWidget(persistDlq)),
                        List.of(lambdaWidget("Lambda errors", functionNames, "Errors", "Sum"),
                                lambdaWidget("Lambda throttles", functionNames, "Throttles", "Sum"),
                                lambdaWidget("Lambda duration p99 (ms)", functionNames, "Duration", "p99"),
                                lambdaWidget("Lambda concurrent executions", functionNames, "ConcurrentExecutions", "Maximum")),
                        List.of(pipelineWidget("Listed / enqueued / downloaded bytes", MetricIdentity.LISTED,
                                        MetricIdentity.ENQUEUED, MetricIdentity.DOWNLOADED_BYTES),
                                pipelineWidget("Stored / already present / failed", MetricIdentity.STORED,
                                        MetricIdentity.ALREADY_PRESENT, MetricIdentity.FAILED, MetricIdentity.FAILED_BY_REASON),
                                pipelineWidget("Executions by status", MetricIdentity.EXECUTIONS,
                                        MetricIdentity.EXECUTION_DURATION_MS, MetricIdentity.UNSETTLED_EXECUTIONS),
                                pipelineWidget("Retries / rate-limit wait (ms)", MetricIdentity.RETRIES,
                                        MetricIdentity.RATE_LIMIT_WAIT_MS)),
                        List.<IWidget>of(AlarmStatusWidget.Builder.create().title("Alarms").width(24).height(4)
                                .alarms(List.copyOf(alarms)).build())))
                .build();
    }

    /** The e-mail subscription exists only when the AlertEmail parameter is not empty. */
    private void subscribeOptionalEmail() {
        Stack stack = Stack.of(this);
        CfnParameter email = CfnParameter.Builder.create(stack, ResourceNames.ALERT_EMAIL_PARAMETER)
                .type("String")
                .defaultValue("")
                .allowedPattern("^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
                .description("E-mail address that receives the pipeline's alarms; empty for none")
                .build();
        CfnCondition hasEmail = CfnCondition.Builder.create(stack, "HasAlertEmail")
                .expression(Fn.conditionNot(Fn.conditionEquals(email.getValueAsString(), "")))
                .build();
        CfnSubscription subscription = CfnSubscription.Builder.create(this, "AlertEmailSubscription")
                .topicArn(topic.getTopicArn())
                .protocol("email")
                .endpoint(email.getValueAsString())
                .build();
        subscription.getCfnOptions().setCondition(hasEmail);
    }

    private void alarm(String id, String stage, String description, Metric metric, double threshold,
                       ComparisonOperator operator) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmName(Names.staged("tdnet-" + kebab(id), stage))
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(operator)
                .evaluationPeriods(1)
                .datapointsToAlarm(1)
                // No data means nothing happened (idle queue, no invocations): not an alarm.
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        SnsAction action = new SnsAction(topic);
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
        alarms.add(alarm);
    }

    static Metric queueMetric(String queueName, String metricName) {
        return Metric.Builder.create().namespace(SQS).metricName(metricName)
                .dimensionsMap(Map.of("QueueName", queueName)).statistic("Maximum").period(PERIOD).build();
    }

    static Metric lambdaMetric(String functionName, String metricName, String statistic) {
        return Metric.Builder.create().namespace(LAMBDA).metricName(metricName)
                .dimensionsMap(Map.of("FunctionName", functionName)).statistic(statistic).period(PERIOD).build();
    }

    /** Executions{Status=FAILED}, the catalog identity the code emits when an execution ends FAILED. */
    static Metric executionsFailed() {
        return CatalogMetrics.series(MetricIdentity.EXECUTIONS,
                Map.of(MetricNames.DIM_STATUS, ExecutionStatus.FAILED.name()), "Sum");
    }

    /** UnsettledExecutions, the catalog identity every reconciler run emits (0 when all is well). */
    static Metric unsettledExecutions() {
        return CatalogMetrics.series(MetricIdentity.UNSETTLED_EXECUTIONS, Map.of(), "Maximum");
    }

    private static GraphWidget queueWidget(String queueName) {
        return GraphWidget.Builder.create()
                .title(queueName)
                .width(6).height(6)
                .left(List.of(
                        queueMetric(queueName, "ApproximateNumberOfMessagesVisible").with(
                                MetricOptions.builder().label("visible").build()),
                        queueMetric(queueName, "ApproximateNumberOfMessagesNotVisible").with(
                                MetricOptions.builder().label("in flight").build())))
                .right(List.of(queueMetric(queueName, "ApproximateAgeOfOldestMessage").with(
                        MetricOptions.builder().label("oldest age (s)").build())))
                .leftYAxis(YAxisProps.builder().label("messages").min(0).showUnits(false).build())
                .rightYAxis(YAxisProps.builder().label("seconds").min(0).showUnits(false).build())
                .build();
    }

    private static GraphWidget lambdaWidget(String title, List<String> functionNames, String metricName, String statistic) {
        List<IMetric> metrics = new ArrayList<>();
        for (String fn : functionNames) {
            metrics.add(lambdaMetric(fn, metricName, statistic).with(MetricOptions.builder().label(fn).build()));
        }
        return GraphWidget.Builder.create().title(title).width(6).height(6).left(metrics).build();
    }

    /** The graphed series of each identity (see {@link CatalogMetrics#graphed}). */
    private static GraphWidget pipelineWidget(String title, MetricIdentity... identities) {
        List<IMetric> metrics = new ArrayList<>();
        for (MetricIdentity identity : identities) metrics.addAll(CatalogMetrics.graphed(identity));
        return GraphWidget.Builder.create().title(title).width(6).height(6).left(metrics).build();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    public Topic topic() { return topic; }
    public Dashboard dashboard() { return dashboard; }
    public List<Alarm> alarms() { return List.copyOf(alarms); }
}
