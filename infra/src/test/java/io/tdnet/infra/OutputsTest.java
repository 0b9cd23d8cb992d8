package io.tdnet.infra;

import io.tdnet.model.StackOutputs;
import io.tdnet.model.Names;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tdnet.infra.TemplateJson.map;
import static io.tdnet.infra.TemplateJson.target;
import static org.assertj.core.api.Assertions.assertThat;

class OutputsTest {
    private final TemplateJson t = TemplateJson.prod();

    private String outputTarget(String output) {
        Map<String, Object> o = map(t.section("Outputs").get(output));
        assertThat(o).as(output).isNotNull();
        return target(o.get("Value"));
    }

    private String named(String type, String property, String name) {
        return t.idWhere(type, property, Names.staged(name, "prod"));
    }

    @Test
    void outputsNameTheFourQueueUrlsTheBucketAndBothTables() {
        assertThat(t.section("Outputs").keySet()).contains(StackOutputs.DOWNLOAD_QUEUE_URL,
                StackOutputs.DOWNLOAD_DLQ_URL, StackOutputs.PERSIST_QUEUE_URL, StackOutputs.PERSIST_DLQ_URL,
                StackOutputs.BUCKET, StackOutputs.DISCLOSURES_TABLE, StackOutputs.EXECUTIONS_TABLE);
        // Ref of a queue is its URL, of a table/bucket its name
        assertThat(outputTarget(StackOutputs.DOWNLOAD_QUEUE_URL)).isEqualTo(named("AWS::SQS::Queue", "QueueName", Names.DOWNLOAD_QUEUE));
        assertThat(outputTarget(StackOutputs.DOWNLOAD_DLQ_URL)).isEqualTo(named("AWS::SQS::Queue", "QueueName", Names.DOWNLOAD_DLQ));
        assertThat(outputTarget(StackOutputs.PERSIST_QUEUE_URL)).isEqualTo(named("AWS::SQS::Queue", "QueueName", Names.PERSIST_QUEUE));
        assertThat(outputTarget(StackOutputs.PERSIST_DLQ_URL)).isEqualTo(named("AWS::SQS::Queue", "QueueName", Names.PERSIST_DLQ));
        assertThat(outputTarget(StackOutputs.DISCLOSURES_TABLE)).isEqualTo(named("AWS::DynamoDB::Table", "TableName", Names.DISCLOSURES_TABLE));
        assertThat(outputTarget(StackOutputs.EXECUTIONS_TABLE)).isEqualTo(named("AWS::DynamoDB::Table", "TableName", Names.EXECUTIONS_TABLE));
        assertThat(t.resource(outputTarget(StackOutputs.BUCKET)).get("Type")).isEqualTo("AWS::S3::Bucket");
        assertThat(map(t.section("Outputs").get(StackOutputs.DOWNLOAD_QUEUE_URL)).get("Value"))
                .isEqualTo(Map.of("Ref", named("AWS::SQS::Queue", "QueueName", Names.DOWNLOAD_QUEUE)));
    }

    @Test
    void theStackDeclaresExactlyTheOutputsTheCliReads() {
        // the CLI's --aws resolves its resources through StackOutputs.resources, keyed by these same constants
        assertThat(t.section("Outputs").keySet()).containsExactlyInAnyOrderElementsOf(StackOutputs.ALL);
        Map<String, String> fromTemplate = new java.util.HashMap<>();
        t.section("Outputs").keySet().forEach(k -> fromTemplate.put(k, "value-of-" + k));
        assertThat(StackOutputs.resources(fromTemplate, "TdnetPipeline-prod").bucket()).isEqualTo("value-of-" + StackOutputs.BUCKET);
    }

    @Test
    void stackNameIsStaged() {
        assertThat(StackOutputs.stackName("prod")).isEqualTo("TdnetPipeline-prod");
    }
}
