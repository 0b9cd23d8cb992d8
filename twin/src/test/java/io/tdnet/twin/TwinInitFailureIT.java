package io.tdnet.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.RecordedRequest;
import io.tdnet.model.LambdaHandlers;
import io.tdnet.model.StackOutputs;
import io.tdnet.twin.aws.TemplateFiles;
import io.tdnet.twin.aws.TwinAccount;
import io.tdnet.twin.lambda.FunctionFigures;
import io.tdnet.twin.lambda.InvocationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Issue 14: a Lambda that cannot reach its resources fails its start instead of fetching from TDnet what it
 * cannot store. A twin of its own (the shared one must stay intact for the cross-checks) whose bucket is
 * deleted before anything runs: the lister (its resources are there) lists a tiny day and enqueues it; the
 * downloader's SnapStart restore fails naming the bucket and the stack, TDnet sees no document request, and
 * the batch stays on the queue (SQS redelivers it after the visibility timeout and dead-letters it after
 * maxReceiveCount; nothing is downloaded in between).
 */
class TwinInitFailureIT {
    private static final LocalDate DAY = LocalDate.of(2026, 2, 17);
    private static final int ROWS = 3;
    private static FakeTdnet tdnet;
    private static AwsTwin twin;

    @BeforeAll
    static void twinWithoutItsBucket() throws Exception {
        tdnet = FakeTdnet.start();
        tdnet.addDay(DAY, ROWS, 17);
        twin = AwsTwin.start(TemplateFiles.locate().load(), tdnet.baseUrl(), Files.createTempDirectory("tdnet-twin-init-"));
        twin.s3Client().deleteBucket(b -> b.bucket(bucket()));
    }

    @AfterAll
    static void close() {
        try {
            if (twin != null) twin.close();
        } finally {
            if (tdnet != null) tdnet.close();
        }
    }

    private static String bucket() {
        return twin.template().outputs().get(StackOutputs.BUCKET);
    }

    @Test
    void theDownloaderFailsItsRestoreNamingTheBucketAndTdnetGetsNoDocumentRequest() throws Exception {
        InvocationResult lister = twin.lambda().runSchedule(twin.scheduleOf(LambdaHandlers.LISTER).orElseThrow(),
                "{\"detail\":{\"date\":\"" + DAY + "\"}}");
        assertThat(lister.succeeded()).as(lister.toString()).isTrue();
        String downloadQueue = twin.template().outputs().get(StackOutputs.DOWNLOAD_QUEUE_URL);
        assertThat(inQueue(downloadQueue)).isEqualTo(ROWS);

        twin.lambda().startPollers();
        String downloader = twin.template().functions().stream()
                .filter(f -> f.handler().equals(LambdaHandlers.DOWNLOADER)).findFirst().orElseThrow().logicalId();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> twin.lambda().figures().get(downloader).initErrors() >= 1);

        FunctionFigures figures = twin.lambda().figures().get(downloader);
        assertThat(figures.invocations()).as("no invocation reached the handler").isEqualTo(figures.initErrors());
        Path log = figures.logFiles().get(0);
        // on AWS the restore error's cause is in the function's log (SnapStartException: "check the CloudWatch logs")
        assertThat(Files.readString(log)).as(log.toString())
                .contains("tdnet-downloader-twin cannot serve: bucket " + bucket() + ": NoSuchBucket")
                .contains("(stack " + StackOutputs.stackName("twin") + ")");
        assertThat(bucket()).endsWith("-" + TwinAccount.ACCOUNT);

        assertThat(tdnet.requests()).as("document requests at TDnet")
                .extracting(RecordedRequest::path).noneMatch(p -> p.endsWith(".pdf"));
        // the failed batch was not deleted: every message is still on the queue, in flight until its visibility ends
        assertThat(inQueue(downloadQueue)).isEqualTo(ROWS);
    }

    private static long inQueue(String url) {
        Map<QueueAttributeName, String> a = twin.sqsClient().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return a.values().stream().mapToLong(Long::parseLong).sum();
    }
}
