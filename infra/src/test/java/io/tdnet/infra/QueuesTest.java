package io.tdnet.infra;

import io.tdnet.model.Names;
import io.tdnet.model.QueueRetention;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;

import java.util.List;
import java.util.Map;

import static io.tdnet.infra.TemplateJson.map;
import static io.tdnet.infra.TemplateJson.target;
import static org.assertj.core.api.Assertions.assertThat;

class QueuesTest {
    private static final String QUEUE = "AWS::SQS::Queue";
    private static final int FOURTEEN_DAYS = 14 * 24 * 3600;
    private static final int SEVEN_DAYS = 7 * 24 * 3600;
    private final TemplateJson t = TemplateJson.prod();

    @Test
    void mainQueuesRedriveToTheirDlqWithTheSharedMaxReceiveCounts() {
        assertRedrive(Names.DOWNLOAD_QUEUE, Names.DOWNLOAD_DLQ, Names.DOWNLOAD_MAX_RECEIVE_COUNT);
        assertRedrive(Names.PERSIST_QUEUE, Names.PERSIST_DLQ, Names.PERSIST_MAX_RECEIVE_COUNT);
    }

    private void assertRedrive(String queue, String dlq, int maxReceiveCount) {
        String queueId = t.idWhere(QUEUE, "QueueName", Names.staged(queue, "prod"));
        String dlqId = t.idWhere(QUEUE, "QueueName", Names.staged(dlq, "prod"));
        Map<String, Object> redrive = map(t.propertiesOf(queueId).get("RedrivePolicy"));
        assertThat(target(redrive.get("deadLetterTargetArn"))).isEqualTo(dlqId);
        assertThat(redrive.get("maxReceiveCount")).isEqualTo(maxReceiveCount);
        assertThat(t.propertiesOf(dlqId)).doesNotContainKey("RedrivePolicy");
    }

    @Test
    void everyQueueIsSqsManagedEncryptedAndTlsOnly() {
        SynthesizedStack.template().resourceCountIs(QUEUE, 4);
        t.ofType(QUEUE).forEach((id, props) -> {
            assertThat(props.get("SqsManagedSseEnabled")).as(id).isEqualTo(true);
            assertThat(props).as(id).doesNotContainKey("KmsMasterKeyId");
        });
        // enforceSsl: one queue policy per queue denying aws:SecureTransport = false
        t.ofType("AWS::SQS::QueuePolicy").forEach((id, props) -> {
            List<Object> statements = TemplateJson.list(map(props.get("PolicyDocument")).get("Statement"));
            assertThat(statements).anySatisfy(s -> {
                assertThat(map(s).get("Effect")).isEqualTo("Deny");
                assertThat(map(s).get("Condition")).isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
            });
        });
        assertThat(t.ofType("AWS::SQS::QueuePolicy")).hasSize(4);
    }

    @Test
    void dlqsKeepMessagesFourteenDays() {
        for (String dlq : List.of(Names.DOWNLOAD_DLQ, Names.PERSIST_DLQ)) {
            SynthesizedStack.template().hasResourceProperties(QUEUE, Match.objectLike(Map.of(
                    "QueueName", Names.staged(dlq, "prod"),
                    "MessageRetentionPeriod", FOURTEEN_DAYS)));
        }
    }

    /**
     * AWS guidance: a DLQ's retention must exceed its source's (a message keeps its enqueue time when it
     * moves). Here by at least 7 days, and the source must outlive the worst-case retry horizon computed
     * from the template's own maxReceiveCount, visibility and function timeout, plus the downloader's
     * self-set visibility (up to SQS's 12 h maximum, a Retry-After).
     */
    @Test
    void eachDlqOutlivesItsSourceBySevenDaysAndTheSourceOutlivesItsRetryHorizon() {
        Map<String, Map<String, Object>> mappings = t.ofType("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(2);
        for (Map<String, Object> mapping : mappings.values()) {
            String queueId = target(mapping.get("EventSourceArn"));
            Map<String, Object> queue = t.propertiesOf(queueId);
            Map<String, Object> redrive = map(queue.get("RedrivePolicy"));
            Map<String, Object> dlq = t.propertiesOf(target(redrive.get("deadLetterTargetArn")));
            int sourceRetention = (Integer) queue.get("MessageRetentionPeriod");
            int dlqRetention = (Integer) dlq.get("MessageRetentionPeriod");
            assertThat(dlqRetention).as("%s DLQ retention", queueId).isEqualTo(FOURTEEN_DAYS);
            assertThat(dlqRetention - sourceRetention).as("%s: DLQ minus source retention", queueId)
                    .isGreaterThanOrEqualTo(SEVEN_DAYS);

            String aliasId = TemplateJson.targetsWithin(mapping.get("FunctionName")).get(0);
            String functionId = target(t.propertiesOf(aliasId).get("FunctionName"));
            Duration consumerTimeout = Duration.ofSeconds((Integer) t.propertiesOf(functionId).get("Timeout"));
            Duration longestWait = Duration.ofSeconds((Integer) queue.get("VisibilityTimeout"));
            if (queue.get("QueueName").equals(Names.staged(Names.DOWNLOAD_QUEUE, "prod"))) {
                longestWait = QueueRetention.SQS_MAX_VISIBILITY; // DownloadWorker sets the visibility itself
            }
            Duration horizon = QueueRetention.retryHorizon((Integer) redrive.get("maxReceiveCount"), longestWait, consumerTimeout);
            assertThat(Duration.ofSeconds(sourceRetention)).as("%s retention vs retry horizon", queueId)
                    .isGreaterThanOrEqualTo(horizon);
        }
        // the download queue's horizon is the long one: 11 waits of up to 12 h and 12 deliveries of 5 min
        assertThat(QueueRetention.retryHorizon(Names.DOWNLOAD_MAX_RECEIVE_COUNT, QueueRetention.SQS_MAX_VISIBILITY,
                Duration.ofSeconds(PipelineFunctions.DOWNLOADER_TIMEOUT.toSeconds().longValue()))).isEqualTo(Duration.ofHours(133));
    }

    @Test
    void aQueueWhoseMessagesWouldExpireWhileRetriedIsRefused() {
        software.amazon.awscdk.Stack stack = new software.amazon.awscdk.Stack(new software.amazon.awscdk.App(), "T");
        // a persister that may run 4 h and a persist queue that hides a message a day: 9 waits + 10 runs > 7 days
        StageTimings slow = new StageTimings(Duration.ofMinutes(5), Duration.ofHours(4), Duration.ofMinutes(30), Duration.ofHours(24));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PipelineQueues(stack, "Queues", "prod", slow))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Names.staged(Names.PERSIST_QUEUE, "prod")).hasMessageContaining("retry horizon");
    }

    @Test
    void visibilityTimeoutIsAtLeastSixTimesTheConsumingFunctionsTimeout() {
        Map<String, Map<String, Object>> mappings = t.ofType("AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(2);
        for (Map<String, Object> mapping : mappings.values()) {
            String queueId = target(mapping.get("EventSourceArn"));
            // FunctionName is "<alias ref's function name>:live"; the alias points at the function.
            String aliasId = TemplateJson.targetsWithin(mapping.get("FunctionName")).get(0);
            String functionId = target(t.propertiesOf(aliasId).get("FunctionName"));
            int functionTimeout = (Integer) t.propertiesOf(functionId).get("Timeout");
            int visibility = (Integer) t.propertiesOf(queueId).get("VisibilityTimeout");
            assertThat(visibility).as("visibility of %s vs timeout of %s", queueId, functionId)
                    .isGreaterThanOrEqualTo(6 * functionTimeout);
        }
    }
}
