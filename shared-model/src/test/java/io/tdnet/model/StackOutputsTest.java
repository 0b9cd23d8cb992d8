package io.tdnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackOutputsTest {

    private static Map<String, String> outputs() {
        Map<String, String> outputs = new HashMap<>();
        StackOutputs.ALL.forEach(k -> outputs.put(k, "v-" + k));
        return outputs;
    }

    @Test
    void eachResourceComesFromItsOwnOutput() {
        PipelineResources r = StackOutputs.resources(outputs(), "TdnetPipeline-prod");
        assertThat(r).isEqualTo(new PipelineResources("v-DownloadQueueUrl", "v-DownloadDlqUrl", "v-PersistQueueUrl",
                "v-PersistDlqUrl", "v-DisclosuresTableName", "v-ExecutionsTableName", "v-BucketName"));
    }

    @Test
    void aMissingOutputIsNamedWithTheStack() {
        Map<String, String> outputs = outputs();
        outputs.remove(StackOutputs.BUCKET);
        assertThatThrownBy(() -> StackOutputs.resources(outputs, "TdnetPipeline-old"))
                .hasMessageContaining("stack TdnetPipeline-old has no output BucketName");
    }

    @Test
    void stackNameIsStaged() {
        assertThat(StackOutputs.stackName("twin")).isEqualTo("TdnetPipeline-twin");
    }
}
