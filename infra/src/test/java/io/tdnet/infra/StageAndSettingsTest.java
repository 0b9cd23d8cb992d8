package io.tdnet.infra;

import io.tdnet.model.EnvVars;
import io.tdnet.model.Names;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A second synthesis with every setting changed: the stage and the context values reach the template. */
class StageAndSettingsTest {

    private static Template dev() {
        return SynthesizedStack.synthesize(TdnetStackConfig.builder(SynthesizedStack.dummyJars())
                .stage("dev")
                .rate(2)
                .downloaderConcurrency(4)
                .persisterConcurrency(3)
                .listerSchedule(List.of())
                .listerReservedConcurrency(0)
                .tdnetBaseUrl("http://127.0.0.1:8080/inbs/")
                .userAgent("test-agent")
                .maxPdfBytes(1024)
                .downloadAgeAlarm(Duration.ofMinutes(10))
                .persistAgeAlarm(Duration.ofMinutes(2))
                .build());
    }

    @Test
    void everyNameCarriesTheStageAndEverySettingReachesTheTemplate() {
        Template t = dev();
        for (String queue : List.of(Names.DOWNLOAD_QUEUE, Names.DOWNLOAD_DLQ, Names.PERSIST_QUEUE, Names.PERSIST_DLQ)) {
            t.hasResourceProperties("AWS::SQS::Queue", Map.of("QueueName", queue + "-dev"));
        }
        t.hasResourceProperties("AWS::DynamoDB::Table", Map.of("TableName", Names.DISCLOSURES_TABLE + "-dev"));
        t.hasResourceProperties("AWS::DynamoDB::Table", Map.of("TableName", Names.EXECUTIONS_TABLE + "-dev"));
        t.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of("TableName", Names.PACER_TABLE + "-dev")));
        t.hasParameter(TdnetSchedule.RATE_PARAMETER, Match.objectLike(Map.of("Type", "Number", "Default", "2")));
        t.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName",
                Map.of("Fn::Join", List.of("", List.of(Names.BUCKET + "-dev-", Map.of("Ref", "AWS::AccountId"))))));
        t.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "FunctionName", ResourceNames.DOWNLOADER_FUNCTION + "-dev",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        EnvVars.TDNET_RATE, Map.of("Ref", TdnetSchedule.RATE_PARAMETER),
                        EnvVars.TDNET_BASE_URL, "http://127.0.0.1:8080/inbs/",
                        EnvVars.USER_AGENT, "test-agent",
                        EnvVars.MAX_PDF_BYTES, "1024"))))));
        t.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "BatchSize", PipelineFunctions.DOWNLOADER_BATCH_SIZE, "ScalingConfig", Map.of("MaximumConcurrency", 4))));
        t.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "BatchSize", PipelineFunctions.PERSISTER_BATCH_SIZE, "ScalingConfig", Map.of("MaximumConcurrency", 3))));
        t.resourceCountIs("AWS::Events::Rule", 1); // no lister schedule; the reconciler's always runs
        t.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "FunctionName", ResourceNames.LISTER_FUNCTION + "-dev",
                "ReservedConcurrentExecutions", Match.absent())));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "ApproximateAgeOfOldestMessage", "Threshold", 600,
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Names.DOWNLOAD_QUEUE + "-dev")))));
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "ApproximateAgeOfOldestMessage", "Threshold", 120,
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Names.PERSIST_QUEUE + "-dev")))));
        t.hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of("DashboardName", ResourceNames.DASHBOARD + "-dev",
                "DashboardBody", Match.anyValue()));
        assertThat(t.toJSON().toString()).doesNotContain("-prod");
    }
}
