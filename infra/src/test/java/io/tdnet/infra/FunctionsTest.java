package io.tdnet.infra;

import io.tdnet.model.DownloadTiming;
import io.tdnet.model.EnvVars;
import io.tdnet.model.FunctionVariables;
import io.tdnet.model.LambdaHandlers;
import io.tdnet.model.MetricNames;
import io.tdnet.model.Names;
import io.tdnet.model.Tdnet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tdnet.infra.TemplateJson.list;
import static io.tdnet.infra.TemplateJson.map;
import static io.tdnet.infra.TemplateJson.target;
import static io.tdnet.infra.TemplateJson.targetsWithin;
import static org.assertj.core.api.Assertions.assertThat;

class FunctionsTest {
    private static final String FUNCTION = "AWS::Lambda::Function";
    private final TemplateJson t = TemplateJson.prod();

    private String functionId(String baseName) {
        return t.idWhere(FUNCTION, "FunctionName", Names.staged(baseName, "prod"));
    }

    @Test
    void threeJava21FunctionsWithTheSharedHandlersAndJustifiedSizes() {
        assertThat(t.ofType(FUNCTION)).hasSize(4);
        assertFunction(ResourceNames.LISTER_FUNCTION, LambdaHandlers.LISTER,
                PipelineFunctions.LISTER_MEMORY_MB, 600);
        assertFunction(ResourceNames.DOWNLOADER_FUNCTION, LambdaHandlers.DOWNLOADER,
                PipelineFunctions.DOWNLOADER_MEMORY_MB, 300);
        assertFunction(ResourceNames.PERSISTER_FUNCTION, LambdaHandlers.PERSISTER,
                PipelineFunctions.PERSISTER_MEMORY_MB, 60);
        assertFunction(ResourceNames.RECONCILER_FUNCTION, LambdaHandlers.RECONCILER,
                PipelineFunctions.RECONCILER_MEMORY_MB, 300);
    }

    private void assertFunction(String name, String handler, int memory, int timeoutSeconds) {
        Map<String, Object> props = t.propertiesOf(functionId(name));
        assertThat(props.get("Runtime")).isEqualTo("java21");
        assertThat(props.get("Handler")).isEqualTo(handler);
        assertThat(props.get("MemorySize")).isEqualTo(memory);
        assertThat(props.get("Timeout")).isEqualTo(timeoutSeconds);
        assertThat(props.get("Architectures")).isEqualTo(List.of("arm64"));
        assertThat(props.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        assertThat(props.get("Code").toString()).contains(".jar");
    }

    @Test
    void everyFunctionPublishesAVersionBehindTheLiveAlias() {
        Map<String, Map<String, Object>> aliases = t.ofType("AWS::Lambda::Alias");
        assertThat(aliases).hasSize(4);
        for (Map<String, Object> alias : aliases.values()) {
            assertThat(alias.get("Name")).isEqualTo(ResourceNames.LIVE_ALIAS);
            String functionId = target(alias.get("FunctionName"));
            String versionId = target(alias.get("FunctionVersion"));
            assertThat(t.resource(versionId).get("Type")).isEqualTo("AWS::Lambda::Version");
            assertThat(target(t.propertiesOf(versionId).get("FunctionName"))).isEqualTo(functionId);
        }
    }

    @Test
    void eachFunctionGetsExactlyTheVariablesItReads() {
        Map<String, FunctionVariables> functions = Map.of(ResourceNames.LISTER_FUNCTION, FunctionVariables.LISTER,
                ResourceNames.DOWNLOADER_FUNCTION, FunctionVariables.DOWNLOADER,
                ResourceNames.PERSISTER_FUNCTION, FunctionVariables.PERSISTER,
                ResourceNames.RECONCILER_FUNCTION, FunctionVariables.RECONCILER);
        functions.forEach((name, variables) -> {
            Map<String, Object> env = map(map(t.propertiesOf(functionId(name)).get("Environment")).get("Variables"));
            assertThat(env.keySet()).as(name).containsExactlyInAnyOrderElementsOf(variables.names());
            Map<String, Object> settings = Map.of(EnvVars.TDNET_BASE_URL, Tdnet.DEFAULT_BASE_URL,
                    EnvVars.TDNET_RATE, Map.of("Ref", TdnetSchedule.RATE_PARAMETER),
                    EnvVars.MAX_PDF_BYTES, Long.toString(Tdnet.DEFAULT_MAX_PDF_BYTES),
                    EnvVars.USER_AGENT, Tdnet.DEFAULT_USER_AGENT);
            settings.forEach((variable, value) -> {
                if (env.containsKey(variable)) assertThat(env).as(name).containsEntry(variable, value);
            });
            Map<String, String[]> references = Map.of(
                    EnvVars.DOWNLOAD_QUEUE_URL, new String[] {"AWS::SQS::Queue", "QueueName", Names.DOWNLOAD_QUEUE},
                    EnvVars.DOWNLOAD_DLQ_URL, new String[] {"AWS::SQS::Queue", "QueueName", Names.DOWNLOAD_DLQ},
                    EnvVars.PERSIST_QUEUE_URL, new String[] {"AWS::SQS::Queue", "QueueName", Names.PERSIST_QUEUE},
                    EnvVars.PERSIST_DLQ_URL, new String[] {"AWS::SQS::Queue", "QueueName", Names.PERSIST_DLQ},
                    EnvVars.DISCLOSURES_TABLE, new String[] {"AWS::DynamoDB::Table", "TableName", Names.DISCLOSURES_TABLE},
                    EnvVars.EXECUTIONS_TABLE, new String[] {"AWS::DynamoDB::Table", "TableName", Names.EXECUTIONS_TABLE},
                    EnvVars.PACER_TABLE, new String[] {"AWS::DynamoDB::Table", "TableName", Names.PACER_TABLE});
            references.forEach((variable, ref) -> {
                if (env.containsKey(variable)) assertReference(env, variable, ref[0], ref[1], ref[2]);
            });
            if (env.containsKey(EnvVars.BUCKET)) {
                assertThat(t.resource(target(env.get(EnvVars.BUCKET))).get("Type")).isEqualTo("AWS::S3::Bucket");
            }
            assertThat(env).doesNotContainKey(EnvVars.AWS_ENDPOINT_URL);
        });
    }

    private void assertReference(Map<String, Object> env, String variable, String type, String nameProperty, String name) {
        String id = target(env.get(variable));
        assertThat(t.resource(id).get("Type")).as(variable).isEqualTo(type);
        assertThat(t.propertiesOf(id).get(nameProperty)).as(variable).isEqualTo(Names.staged(name, "prod"));
    }

    @Test
    void theDownloaderTimeoutCoversOneDocumentsWorstCaseInProcessRetries() {
        // the handler starts no document with less than DOCUMENT_BUDGET left, so a timeout under it
        // would never start one; DownloadTiming holds the arithmetic
        assertThat(PipelineFunctions.DOWNLOADER_TIMEOUT.toSeconds().longValue())
                .isGreaterThan(DownloadTiming.DOCUMENT_BUDGET.toSeconds());
    }

    @Test
    void eventSourcesReportBatchItemFailuresWithMaximumConcurrencyOnTheAliases() {
        assertMapping(Names.DOWNLOAD_QUEUE, ResourceNames.DOWNLOADER_FUNCTION,
                PipelineFunctions.DOWNLOADER_BATCH_SIZE, TdnetStackConfig.DEFAULT_DOWNLOADER_CONCURRENCY);
        assertMapping(Names.PERSIST_QUEUE, ResourceNames.PERSISTER_FUNCTION,
                PipelineFunctions.PERSISTER_BATCH_SIZE, TdnetStackConfig.DEFAULT_PERSISTER_CONCURRENCY);
    }

    private void assertMapping(String queue, String function, int batchSize, int concurrency) {
        String queueId = t.idWhere("AWS::SQS::Queue", "QueueName", Names.staged(queue, "prod"));
        List<Map<String, Object>> mappings = t.ofType("AWS::Lambda::EventSourceMapping").values().stream()
                .filter(m -> target(m.get("EventSourceArn")).equals(queueId)).toList();
        assertThat(mappings).hasSize(1);
        Map<String, Object> mapping = mappings.get(0);
        assertThat(mapping.get("BatchSize")).isEqualTo(batchSize);
        assertThat(mapping.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(mapping.get("ScalingConfig")).isEqualTo(Map.of("MaximumConcurrency", concurrency));
        String aliasId = targetsWithin(mapping.get("FunctionName")).get(0);
        assertThat(t.resource(aliasId).get("Type")).isEqualTo("AWS::Lambda::Alias");
        assertThat(target(t.propertiesOf(aliasId).get("FunctionName"))).isEqualTo(functionId(function));
    }

    @Test
    void oneRateForTheDeploymentIsAStackParameterDefaultingToOne() {
        TdnetStackConfig config = SynthesizedStack.config();
        assertThat(config.rate()).isEqualTo(1.0);
        Map<String, Object> parameter = map(t.section("Parameters").get(TdnetSchedule.RATE_PARAMETER));
        assertThat(parameter).containsEntry("Type", "Number").containsEntry("Default", "1")
                .containsEntry("MaxValue", TdnetStackConfig.MAX_RATE);
    }

    @Test
    void listerIsScheduledOnJstBusinessDaysThroughItsAliasWithEmptyInput() {
        Map<String, Map<String, Object>> rules = new java.util.LinkedHashMap<>(t.ofType("AWS::Events::Rule"));
        rules.values().removeIf(r -> "rate(15 minutes)".equals(r.get("ScheduleExpression"))); // the reconciler's
        assertThat(rules.values()).extracting(r -> r.get("ScheduleExpression"))
                .containsExactlyInAnyOrderElementsOf(TdnetStackConfig.DEFAULT_LISTER_SCHEDULE);
        String listerAlias = t.ofType("AWS::Lambda::Alias").entrySet().stream()
                .filter(e -> target(e.getValue().get("FunctionName")).equals(functionId(ResourceNames.LISTER_FUNCTION)))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        for (Map<String, Object> rule : rules.values()) {
            assertThat(rule.get("State")).isEqualTo("ENABLED");
            List<Object> targets = list(rule.get("Targets"));
            assertThat(targets).hasSize(1);
            assertThat(target(map(targets.get(0)).get("Arn"))).isEqualTo(listerAlias);
            assertThat(map(targets.get(0)).get("Input")).isEqualTo("{}");
        }
        // the alias (not $LATEST) may be invoked by EventBridge
        String reconcilerAlias = t.ofType("AWS::Lambda::Alias").entrySet().stream()
                .filter(e -> target(e.getValue().get("FunctionName")).equals(functionId(ResourceNames.RECONCILER_FUNCTION)))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        assertThat(t.ofType("AWS::Lambda::Permission").values()).allSatisfy(p -> {
            assertThat(p.get("Principal")).isEqualTo("events.amazonaws.com");
            assertThat(target(p.get("FunctionName"))).isIn(listerAlias, reconcilerAlias);
        });
    }

    @Test
    void defaultScheduleCoversJstBusinessHoursAndTheLateSweepInUtc() {
        // JST = UTC+9: 08:00-08:30 JST Mon-Fri = 23:00-23:30 UTC Sun-Thu; 09:00-19:30 JST = 00-10 UTC; 23:30 JST = 14:30 UTC.
        assertThat(TdnetStackConfig.DEFAULT_LISTER_SCHEDULE).containsExactly(
                "cron(0/30 23 ? * SUN-THU *)", "cron(0/30 0-10 ? * MON-FRI *)", "cron(30 14 ? * MON-FRI *)");
    }

    @Test
    void onlyTheListerHasReservedConcurrencyOfOne() {
        assertThat(t.propertiesOf(functionId(ResourceNames.LISTER_FUNCTION)).get("ReservedConcurrentExecutions"))
                .isEqualTo(1);
        assertThat(t.propertiesOf(functionId(ResourceNames.DOWNLOADER_FUNCTION)))
                .doesNotContainKey("ReservedConcurrentExecutions");
        assertThat(t.propertiesOf(functionId(ResourceNames.PERSISTER_FUNCTION)))
                .doesNotContainKey("ReservedConcurrentExecutions");
    }

    @Test
    void eachFunctionLogsToItsOwnGroupWithRetention() {
        Map<String, Map<String, Object>> groups = t.ofType("AWS::Logs::LogGroup");
        assertThat(groups).hasSize(4);
        for (String name : List.of(ResourceNames.LISTER_FUNCTION, ResourceNames.DOWNLOADER_FUNCTION,
                ResourceNames.PERSISTER_FUNCTION)) {
            String staged = Names.staged(name, "prod");
            String groupId = t.idWhere("AWS::Logs::LogGroup", "LogGroupName", "/aws/lambda/" + staged);
            assertThat(t.propertiesOf(groupId).get("RetentionInDays")).isEqualTo(90);
            Map<String, Object> logging = map(t.propertiesOf(functionId(name)).get("LoggingConfig"));
            assertThat(target(logging.get("LogGroup"))).isEqualTo(groupId);
        }
    }
}
