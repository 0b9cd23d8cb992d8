package io.tdnet.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tdnet.model.Attributes;
import io.tdnet.model.Names;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A JVM killed with SIGKILL (no close()) leaves a data directory the next start reads completely, and
 * an upload it was in the middle of leaves nothing under {@code pdf/}.
 */
class KilledJvmIT {
    @TempDir Path dir;

    private static final String COMPLETE_KEY = "pdf/2026/02/13/140120260213400001.pdf";
    private static final String PUT_KEY = "pdf/2026/02/13/140120260213400002.pdf";
    private static final String MULTIPART_KEY = "pdf/2026/02/13/140120260213400003.pdf";
    private static final long BIG = 64L * 1024 * 1024;

    /** Runs in the child JVM: writes one of everything, reports, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[1].equals("mid-upload")) {
            uploadUntilKilled(Path.of(args[0]));
            return;
        }
        EmbeddedAwsStack stack = EmbeddedAwsStack.start(Path.of(args[0]));
        stack.sqs().sendMessage(b -> b.queueUrl(stack.resources().downloadQueueUrl()).messageBody("survivor"));
        stack.dynamoDb().putItem(b -> b.tableName(Names.DISCLOSURES_TABLE)
                .item(Map.of(Attributes.DISCLOSURE_ID, AttributeValue.fromS("120250101000009"))));
        stack.s3().putObject(b -> b.bucket(Names.BUCKET).key("k.pdf"), RequestBody.fromString("kept"));
        // ElasticMQ answers a send before its H2 write: killed earlier, the message is gone (the pipeline's
        // ledger re-sends it; this test is about what the disk holds), so wait until H2 has it
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (ElasticMqEmulator.persistedNow(Path.of(args[0]).resolve("sqs")).getOrDefault(Names.DOWNLOAD_QUEUE, 0L) < 1
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        System.out.println("WRITTEN");
        System.out.flush();
        Thread.sleep(120_000);
    }

    /**
     * The child of {@link #aKillMidUploadLeavesOnlyCompleteObjectsUnderPdf}: one complete object, a
     * multipart upload with one part sent, then a single PutObject whose body stops after 2 MiB of 64.
     */
    private static void uploadUntilKilled(Path dir) throws Exception {
        EmbeddedAwsStack stack = EmbeddedAwsStack.start(dir);
        stack.s3().putObject(b -> b.bucket(Names.BUCKET).key(COMPLETE_KEY), RequestBody.fromString("%PDF-complete"));
        String uploadId = stack.s3().createMultipartUpload(b -> b.bucket(Names.BUCKET).key(MULTIPART_KEY)).uploadId();
        stack.s3().uploadPart(b -> b.bucket(Names.BUCKET).key(MULTIPART_KEY).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[5 * 1024 * 1024]));
        InputStream stalling = new InputStream() {
            long sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent >= 2 * 1024 * 1024) {
                    System.out.println("UPLOADING");
                    System.out.flush();
                    try {
                        Thread.sleep(120_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return -1;
                }
                int n = Math.min(len, 64 * 1024);
                sent += n;
                return n;
            }
        };
        stack.s3().putObject(b -> b.bucket(Names.BUCKET).key(PUT_KEY), RequestBody.fromInputStream(stalling, BIG));
    }

    @Test
    void aKillMidUploadLeavesOnlyCompleteObjectsUnderPdf() throws Exception {
        Process child = startChild("mid-upload");
        Path day = dir.resolve("s3").resolve(Names.BUCKET).resolve("pdf/2026/02/13");
        try {
            awaitLine(child, "UPLOADING");
            // S3Proxy (in the child) is writing the body to a temporary file beside the key
            await().atMost(Duration.ofSeconds(30)).until(() -> leftovers(day) > 0);
        } finally {
            child.destroyForcibly(); // SIGKILL mid-upload
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(leftovers(day)).as("the killed upload's temporary file").isEqualTo(1);

        try (EmbeddedAwsStack stack = EmbeddedAwsStack.start(dir)) {
            var listed = stack.s3().listObjectsV2(b -> b.bucket(Names.BUCKET).prefix("pdf/")).contents();
            assertThat(listed).extracting(S3Object::key).containsExactly(COMPLETE_KEY)
                    .allMatch(key -> key.matches("pdf/\\d{4}/\\d{2}/\\d{2}/\\d{18}\\.pdf"));
            assertThat(listed.get(0).size()).isEqualTo("%PDF-complete".length());
            assertThat(stack.s3().listMultipartUploads(b -> b.bucket(Names.BUCKET)).uploads()).isEmpty();
            assertThat(leftovers(day)).isZero();
        }
    }

    private static long leftovers(Path day) throws Exception {
        if (!Files.isDirectory(day)) return 0;
        try (var files = Files.list(day)) {
            return files.filter(p -> p.getFileName().toString().startsWith("140120260213400002.pdf-")).count();
        }
    }

    @Test
    void stateSurvivesKillMinusNine() throws Exception {
        Process child = startChild("write");
        try {
            awaitLine(child, "WRITTEN");
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (EmbeddedAwsStack stack = EmbeddedAwsStack.start(dir)) {
            // ElasticMQ restores persisted messages asynchronously after a restart: poll for the survivor,
            // leaving it visible (a poll whose answer arrives after a loaded client gave up must not hide it)
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(stack.sqs()
                    .receiveMessage(b -> b.queueUrl(stack.resources().downloadQueueUrl()).waitTimeSeconds(1)
                            .visibilityTimeout(0)).messages())
                    .extracting(Message::body).containsExactly("survivor"));
            assertThat(stack.dynamoDb().getItem(b -> b.tableName(Names.DISCLOSURES_TABLE)
                    .key(Map.of(Attributes.DISCLOSURE_ID, AttributeValue.fromS("120250101000009")))).hasItem()).isTrue();
            assertThat(stack.s3().getObjectAsBytes(b -> b.bucket(Names.BUCKET).key("k.pdf")).asUtf8String()).isEqualTo("kept");
        }
    }

    private Process startChild(String mode) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledJvmIT.class.getName(), dir.toString(), mode)
                .redirectErrorStream(true).start();
    }

    /** Reads the child's output up to {@code marker} (its log lines are skipped); fails if it ends first. */
    private static void awaitLine(Process child, String marker) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.contains(marker)) {
            // skip the child's log lines
        }
        assertThat(line).as("child printed " + marker).isNotNull();
    }
}
