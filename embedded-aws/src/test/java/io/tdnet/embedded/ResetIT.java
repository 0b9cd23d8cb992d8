package io.tdnet.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.Attributes;
import io.tdnet.model.Names;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ResetIT extends StackFixture {

    @Test
    void resetEmptiesQueuesIncludingInFlightTablesAndBucket() {
        var r = stack.resources();
        for (String url : new String[] {r.downloadQueueUrl(), r.downloadDlqUrl(), r.persistQueueUrl(), r.persistDlqUrl()}) {
            stack.sqs().sendMessage(b -> b.queueUrl(url).messageBody("x"));
            stack.sqs().sendMessage(b -> b.queueUrl(url).messageBody("y"));
        }
        assertThat(stack.sqs().receiveMessage(b -> b.queueUrl(r.downloadQueueUrl())).messages()).hasSize(1); // in flight
        stack.dynamoDb().putItem(b -> b.tableName(Names.EXECUTIONS_TABLE).item(Map.of(
                Attributes.EXECUTION_ID, AttributeValue.fromS("e"), Attributes.ENTRY, AttributeValue.fromS("#SUMMARY"))));
        for (int i = 0; i < 3; i++) {
            int n = i;
            stack.s3().putObject(b -> b.bucket(Names.BUCKET).key("pdf/" + n + ".pdf"), RequestBody.fromString("x"));
        }

        stack.reset();

        for (String url : new String[] {r.downloadQueueUrl(), r.downloadDlqUrl(), r.persistQueueUrl(), r.persistDlqUrl()}) {
            assertThat(SqsIT.count(stack.sqs(), url)).as(url).isZero();
        }
        assertThat(stack.dynamoDb().scan(b -> b.tableName(Names.EXECUTIONS_TABLE)).count()).isZero();
        assertThat(stack.s3().listObjectsV2(b -> b.bucket(Names.BUCKET)).contents()).isEmpty();
        assertThat(stack.s3().headBucket(b -> b.bucket(Names.BUCKET)).sdkHttpResponse().isSuccessful()).isTrue();
    }
}
