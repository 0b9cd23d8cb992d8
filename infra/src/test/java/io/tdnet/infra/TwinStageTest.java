package io.tdnet.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import software.amazon.awscdk.assertions.Template;

/** The twin stage differs from prod only in the settings TdnetStackConfig.twin lists. */
class TwinStageTest {
    private final LambdaJars jars = SynthesizedStack.dummyJars();

    @Test
    void theTwinDiffersFromProdOnlyInStageTimingsAndSchedule() {
        TdnetStackConfig prod = TdnetStackConfig.builder(jars).build();
        TdnetStackConfig twin = TdnetStackConfig.twin(jars);
        TdnetStackConfig prodWithTwinDifferences = TdnetStackConfig.builder(jars)
                .stage(TdnetStackConfig.TWIN_STAGE)
                .timings(StageTimings.twin())
                .listerSchedule(TdnetStackConfig.TWIN_LISTER_SCHEDULE)
                .build();
        assertThat(twin).isEqualTo(prodWithTwinDifferences);
        assertThat(prod.timings()).isEqualTo(StageTimings.prod());
    }

    @Test
    void twinQueuesReturnAFailedBatchAfterOneFunctionTimeout() {
        Template template = SynthesizedStack.synthesize(TdnetStackConfig.twin(jars));
        Map<String, Map<String, Object>> queues = template.findResources("AWS::SQS::Queue");
        assertThat(queues.values()).anySatisfy(q -> assertThat(properties(q))
                .containsEntry("QueueName", "tdnet-download-twin").containsEntry("VisibilityTimeout", 300));
        assertThat(queues.values()).anySatisfy(q -> assertThat(properties(q))
                .containsEntry("QueueName", "tdnet-persist-twin").containsEntry("VisibilityTimeout", 60));
    }

    @Test
    void aVisibilityShorterThanItsConsumersTimeoutIsRefused() {
        assertThatThrownBy(() -> new StageTimings(Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must cover its consumer's timeout");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
