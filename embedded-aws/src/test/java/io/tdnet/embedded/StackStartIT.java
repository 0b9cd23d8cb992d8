package io.tdnet.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.Names;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStartIT {
    @TempDir Path dir;

    @Test
    void startsWithEveryResource() {
        try (EmbeddedAwsStack stack = EmbeddedAwsStack.start(dir)) {
            System.out.println("startup " + stack.startupTime().toMillis() + " ms, ttl " + stack.ttlSupported());
            assertThat(stack.resources().downloadQueueUrl()).startsWith("http://127.0.0.1:").endsWith("/" + Names.DOWNLOAD_QUEUE);
            assertThat(stack.sqs().listQueues().queueUrls()).hasSize(4);
            assertThat(stack.dynamoDb().listTables().tableNames()).containsExactlyInAnyOrder(Names.DISCLOSURES_TABLE, Names.EXECUTIONS_TABLE);
            assertThat(stack.s3().listBuckets().buckets()).extracting(b -> b.name()).containsExactly(Names.BUCKET);
        }
    }
}
