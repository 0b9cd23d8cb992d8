package io.tdnet.twin.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tdnet.twin.EventSourceSpec;
import io.tdnet.twin.FunctionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudFormationTemplateTest {
    private static final String PREFIX = "https://sqs.ap-northeast-1.amazonaws.com/123456789012/";
    private final CloudFormationTemplate template = TemplateFiles.locate().load();

    @Test
    void functionsComeFromTheTemplateWithTheirJarsAndResolvedEnvironment() {
        assertThat(template.functions()).extracting(FunctionSpec::functionName)
                .containsExactlyInAnyOrder("tdnet-lister-twin", "tdnet-downloader-twin", "tdnet-persister-twin",
                        "tdnet-reconciler-twin");
        FunctionSpec downloader = template.functions().stream()
                .filter(f -> f.functionName().equals("tdnet-downloader-twin")).findFirst().orElseThrow();
        assertThat(downloader.handler()).isEqualTo("io.tdnet.downloader.DownloaderHandler::handleRequest");
        assertThat(downloader.jar()).endsWith(Path.of("downloader", "target", "downloader-lambda.jar"));
        assertThat(Files.isRegularFile(downloader.jar())).isTrue();
        assertThat(downloader.snapStart()).isTrue();
        assertThat(downloader.memoryMb()).isEqualTo(1024);
        assertThat(downloader.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(downloader.environment())
                .containsEntry("TDNET_BUCKET", "tdnet-archive-twin-123456789012")
                .containsEntry("TDNET_DOWNLOAD_QUEUE_URL", PREFIX + "tdnet-download-twin")
                .containsEntry("TDNET_PERSIST_QUEUE_URL", PREFIX + "tdnet-persist-twin")
                .containsEntry("TDNET_EXECUTIONS_TABLE", "tdnet-executions-twin") // failed attempts on PENDING rows
                .doesNotContainKey("TDNET_DISCLOSURES_TABLE"); // each function gets only what it reads
        assertThat(template.statementsOf(downloader.logicalId())).isNotEmpty();
    }

    @Test
    void queuesTablesBucketsAndOutputsResolveAsCloudFormationWould() {
        QueueDeclaration download = template.queues().stream().filter(q -> q.name().equals("tdnet-download-twin"))
                .findFirst().orElseThrow();
        assertThat(download.url()).isEqualTo(PREFIX + "tdnet-download-twin");
        assertThat(download.visibilityTimeout()).isEqualTo(300);
        assertThat(download.retentionPeriod()).isEqualTo(7 * 24 * 3600); // its DLQ keeps 14 days (QueueRetention)
        assertThat(download.deadLetterTargetArn()).isEqualTo("arn:aws:sqs:ap-northeast-1:123456789012:tdnet-download-dlq-twin");
        assertThat(download.maxReceiveCount()).isEqualTo(12);
        assertThat(template.queues()).hasSize(4);
        assertThat(template.tables()).extracting(TableDeclaration::name)
                .containsExactlyInAnyOrder("tdnet-disclosures-twin", "tdnet-executions-twin", "tdnet-pacer-twin");
        assertThat(template.buckets()).containsExactly("tdnet-archive-twin-123456789012");
        assertThat(template.outputs())
                .containsEntry("BucketName", "tdnet-archive-twin-123456789012")
                .containsEntry("DownloadQueueUrl", PREFIX + "tdnet-download-twin")
                .containsEntry("AlarmTopicArn", "arn:aws:sns:ap-northeast-1:123456789012:tdnet-alarms-twin");
    }

    @Test
    void eventSourcesSchedulesAlarmsAndDashboardAreRead() {
        assertThat(template.eventSources()).hasSize(2);
        EventSourceSpec downloads = template.eventSources().stream()
                .filter(e -> e.queueUrl().endsWith("tdnet-download-twin")).findFirst().orElseThrow();
        assertThat(template.function(downloads.functionLogicalId()).functionName()).isEqualTo("tdnet-downloader-twin");
        assertThat(downloads.batchSize()).isEqualTo(5);
        assertThat(downloads.maximumConcurrency()).isEqualTo(2);
        assertThat(downloads.reportBatchItemFailures()).isTrue();
        assertThat(template.schedules()).hasSize(2)
                .extracting(s -> template.function(s.functionLogicalIds().get(0)).functionName())
                .containsExactlyInAnyOrder("tdnet-lister-twin", "tdnet-reconciler-twin");
        assertThat(template.schedules()).allSatisfy(s -> assertThat(s.input()).isEqualTo("{}"));
        assertThat(template.alarmMetrics()).anySatisfy(m -> assertThat(m.identity()).isEqualTo("Executions{Status=FAILED}"));
        assertThat(template.dashboardMetrics()).anySatisfy(m -> assertThat(m.metricName()).isEqualTo("Executions"));
    }

    @Test
    void anUnsupportedIntrinsicFailsLoudly() {
        ObjectNode json = (ObjectNode) template.json();
        ((ObjectNode) json.path("Resources").path("StorageExecutions50E2CF2D").path("Properties"))
                .set("TableName", new ObjectMapper().createObjectNode().put("Fn::ImportValue", "elsewhere"));
        assertThatThrownBy(() -> CloudFormationTemplate.parse(json, Map.of(), TemplateFiles.STACK_NAME))
                .isInstanceOf(UnresolvableTemplateException.class)
                .hasMessageContaining("Fn::ImportValue");
    }

    @Test
    void aCodeAssetMissingFromTheMappingFailsLoudly() {
        assertThatThrownBy(() -> CloudFormationTemplate.parse(template.json(), Map.of(), TemplateFiles.STACK_NAME))
                .isInstanceOf(UnresolvableTemplateException.class)
                .hasMessageContaining("asset mapping");
    }
}
