package io.tdnet.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tdnet.model.Attributes;
import io.tdnet.model.Names;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/** A JVM killed with SIGKILL (no close()) leaves a data directory the next start reads completely. */
class KilledJvmIT {
    @TempDir Path dir;

    /** Runs in the child JVM: writes one of everything, reports, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        EmbeddedAwsStack stack = EmbeddedAwsStack.start(Path.of(args[0]));
        stack.sqs().sendMessage(b -> b.queueUrl(stack.resources().downloadQueueUrl()).messageBody("survivor"));
        stack.dynamoDb().putItem(b -> b.tableName(Names.DISCLOSURES_TABLE)
                .item(Map.of(Attributes.DISCLOSURE_ID, AttributeValue.fromS("120250101000009"))));
        stack.s3().putObject(b -> b.bucket(Names.BUCKET).key("k.pdf"), RequestBody.fromString("kept"));
        System.out.println("WRITTEN");
        System.out.flush();
        Thread.sleep(120_000);
    }

    @Test
    void stateSurvivesKillMinusNine() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledJvmIT.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("WRITTEN")) {
                // skip the child's log lines
            }
            assertThat(line).as("child wrote its state").isNotNull();
            child.destroyForcibly(); // SIGKILL on Linux
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (EmbeddedAwsStack stack = EmbeddedAwsStack.start(dir)) {
            // ElasticMQ restores persisted messages asynchronously after a restart: poll for the survivor
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stack.sqs()
                    .receiveMessage(b -> b.queueUrl(stack.resources().downloadQueueUrl()).waitTimeSeconds(1)).messages())
                    .extracting(Message::body).containsExactly("survivor"));
            assertThat(stack.dynamoDb().getItem(b -> b.tableName(Names.DISCLOSURES_TABLE)
                    .key(Map.of(Attributes.DISCLOSURE_ID, AttributeValue.fromS("120250101000009")))).hasItem()).isTrue();
            assertThat(stack.s3().getObjectAsBytes(b -> b.bucket(Names.BUCKET).key("k.pdf")).asUtf8String()).isEqualTo("kept");
        }
    }
}
