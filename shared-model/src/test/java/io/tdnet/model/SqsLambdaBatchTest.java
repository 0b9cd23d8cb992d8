package io.tdnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqsLambdaBatchTest {

    @Test
    void mapsAnSqsRecordWithItsReceiveCountAndStringAttributes() {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("m-1");
        m.setReceiptHandle("rh");
        m.setBody("{}");
        m.setAttributes(Map.of("ApproximateReceiveCount", "4"));
        SQSEvent.MessageAttribute reason = new SQSEvent.MessageAttribute();
        reason.setDataType("String");
        reason.setStringValue("2026-02-13T06:00:00Z");
        m.setMessageAttributes(Map.of(Names.ATTR_FIRST_FAILURE_AT, reason));

        QueueMessage q = SqsLambdaBatch.toQueueMessage(m);

        assertThat(q.messageId()).isEqualTo("m-1");
        assertThat(q.receiptHandle()).isEqualTo("rh");
        assertThat(q.body()).isEqualTo("{}");
        assertThat(q.receiveCount()).isEqualTo(4);
        assertThat(q.attributes()).containsEntry(Names.ATTR_FIRST_FAILURE_AT, "2026-02-13T06:00:00Z");
    }

    @Test
    void aMissingReceiveCountCountsAsTheFirstDelivery() {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("m-2");
        m.setBody("{}");
        assertThat(SqsLambdaBatch.toQueueMessage(m).receiveCount()).isEqualTo(1);
    }
}
