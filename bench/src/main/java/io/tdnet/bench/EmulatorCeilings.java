package io.tdnet.bench;

import io.tdnet.local.EmbeddedEnvironment;
import static io.tdnet.model.Attributes.*;

import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.S3Keys;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * What the embedded emulators allow for the operations the pipeline performs, each measured alone on a
 * fresh stack with the same clients: timed loops on {@code threads} threads, after a short warm-up.
 * Rates are per second; an SQS "message cycle" is one message sent, received and deleted, in batches
 * of ten (three calls per ten messages).
 */
public final class EmulatorCeilings {
    /** Operation names, as {@link OperationCounts} spells them where they match one SDK call. */
    static final String SQS_MESSAGE_CYCLE = "sqs message cycle (batches of 10)";
    static final String SQS_BATCH_CALL = "sqs batch call (send/receive/delete of 10)";
    static final String SQS_SEND_ONE = "sqs.sendMessage";
    static final String S3_PUT = "s3.putObject";
    static final String S3_HEAD = "s3.headObject";
    static final String S3_COPY = "s3.copyObject";
    static final String S3_DELETE = "s3.deleteObject";
    static final String DDB_TRANSACT = "dynamodb.transactWriteItems";
    static final String DDB_GET = "dynamodb.getItem";

    private final int threads;
    private final double seconds;
    private final List<Integer> pdfSizes;

    public EmulatorCeilings(int threads, double seconds, List<Integer> pdfSizes) {
        this.threads = threads;
        this.seconds = seconds;
        this.pdfSizes = pdfSizes.isEmpty() ? List.of(30_000) : pdfSizes;
    }

    /** Operation → ops/s. */
    public Map<String, Double> measure() throws Exception {
        Path dir = Files.createTempDirectory("tdnet-bench-ceilings-");
        Map<String, Double> rates = new LinkedHashMap<>();
        try (EmbeddedEnvironment env = EmbeddedEnvironment.start(dir)) {
            SqsClient sqs = env.sqs();
            S3Client s3 = env.s3();
            DynamoDbClient dynamo = env.dynamoDb();
            String queue = env.resources().downloadQueueUrl();
            String bucket = env.resources().bucket();

            double cycles = rate(() -> {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(BODY).build());
                }
                sqs.sendMessageBatch(b -> b.queueUrl(queue).entries(entries));
                List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                if (!got.isEmpty()) {
                    sqs.deleteMessageBatch(b -> b.queueUrl(queue).entries(got.stream().map(m ->
                            software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                                    .id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
                }
                return got.size();
            });
            rates.put(SQS_MESSAGE_CYCLE, cycles);
            rates.put(SQS_BATCH_CALL, cycles * 3 / 10);
            sqs.purgeQueue(b -> b.queueUrl(queue));
            String persistQueue = env.resources().persistQueueUrl();
            rates.put(SQS_SEND_ONE, rate(() -> {
                sqs.sendMessage(b -> b.queueUrl(persistQueue).messageBody(BODY));
                return 1;
            }));
            sqs.purgeQueue(b -> b.queueUrl(persistQueue));

            AtomicLong keys = new AtomicLong();
            rates.put(S3_PUT, rate(() -> {
                long n = keys.incrementAndGet();
                int size = pdfSizes.get((int) (n % pdfSizes.size()));
                byte[] body = new byte[size];
                s3.putObject(b -> b.bucket(bucket).key("bench/" + n).contentType("application/pdf").contentLength((long) size),
                        RequestBody.fromInputStream(new ByteArrayInputStream(body), size));
                return 1;
            }));
            long written = keys.get();
            AtomicLong cursor = new AtomicLong();
            rates.put(S3_HEAD, rate(() -> {
                long n = 1 + cursor.getAndIncrement() % written;
                s3.headObject(b -> b.bucket(bucket).key("bench/" + n));
                return 1;
            }));
            AtomicLong copies = new AtomicLong();
            rates.put(S3_COPY, rate(() -> {
                long n = copies.incrementAndGet();
                long source = 1 + n % written;
                s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("bench/" + source).destinationBucket(bucket)
                        .destinationKey("copy/" + n).metadataDirective(MetadataDirective.REPLACE).contentType("application/pdf")
                        .metadata(Map.of(S3Keys.META_SHA256, "0".repeat(64), S3Keys.META_BYTES, "1")));
                return 1;
            }));
            long copied = copies.get();
            AtomicLong deletes = new AtomicLong();
            rates.put(S3_DELETE, rate(() -> {
                long n = deletes.incrementAndGet();
                s3.deleteObject(b -> b.bucket(bucket).key(n <= copied ? "copy/" + n : "bench/" + (n - copied)));
                return 1;
            }));

            String executions = env.resources().executionsTable();
            String disclosures = env.resources().disclosuresTable();
            String executionId = "bench-ceiling";
            dynamo.putItem(b -> b.tableName(executions).item(Map.of(EXECUTION_ID, s(executionId), ENTRY, s(SUMMARY_ENTRY),
                    STATUS, s(ExecutionStatus.RUNNING.name()), STORED, n(0), TARGET_DATE, s("2026-02-13"),
                    STARTED_AT, s("2026-02-13T09:00:00.000+09:00"))));
            AtomicLong ids = new AtomicLong();
            rates.put(DDB_TRANSACT, rate(() -> {
                long n = ids.incrementAndGet();
                dynamo.transactWriteItems(b -> b.transactItems(persisterShape(disclosures, executions, executionId, n)));
                return 1;
            }));
            rates.put(DDB_GET, rate(() -> {
                dynamo.getItem(b -> b.tableName(executions).key(Map.of(EXECUTION_ID, s(executionId), ENTRY, s(SUMMARY_ENTRY)))
                        .consistentRead(true));
                return 1;
            }));
        } finally {
            BenchFiles.deleteTree(dir);
        }
        return rates;
    }

    /**
     * The persister's transaction for one stored disclosure: conditional put of the disclosure item
     * (with the attributes both GSIs index), the outcome row's conditional update, and ADD on the
     * execution's summary — three items, two tables, one hot item shared by every transaction.
     */
    private static List<TransactWriteItem> persisterShape(String disclosures, String executions, String executionId, long n) {
        String id = String.format("1401202602%08d", n);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DISCLOSURE_ID, s(id));
        item.put(DISCLOSED_DATE, s("2026-02-13"));
        item.put(DISCLOSED_AT, s("2026-02-13T15:00:00+09:00"));
        item.put(DISCLOSED_AT_ID, s("2026-02-13T15:00:00+09:00#" + id));
        item.put(COMPANY_CODE, s(String.format("%04d0", n % 10_000)));
        item.put(COMPANY_NAME, s("ベンチ株式会社"));
        item.put(TITLE, s("2026年3月期 第3四半期決算短信〔日本基準〕(連結)"));
        item.put(EXCHANGES, s("東"));
        item.put(PDF_URL, s("https://www.release.tdnet.info/inbs/" + id + ".pdf"));
        item.put(PDF_S3_KEY, s("pdf/2026/02/13/" + id + ".pdf"));
        item.put(PDF_SHA256, s("0".repeat(64)));
        item.put(PDF_BYTES, n(31_000));
        item.put(FIRST_EXECUTION_ID, s(executionId));
        item.put(STORED_AT, s("2026-02-13T15:01:00.000+09:00"));
        return List.of(
                TransactWriteItem.builder().put(p -> p.tableName(disclosures).item(item)
                        .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", DISCLOSURE_ID))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(executions)
                        .key(Map.of(EXECUTION_ID, s(executionId), ENTRY, s(OUTCOME_PREFIX + id)))
                        .updateExpression("SET #outcome = :target, #changed = :now")
                        .conditionExpression("attribute_not_exists(#outcome) OR #outcome = :pending")
                        .expressionAttributeNames(Map.of("#outcome", OUTCOME, "#changed", CHANGED_AT))
                        .expressionAttributeValues(Map.of(":target", s("STORED"), ":pending", s("PENDING"),
                                ":now", s("2026-02-13T15:01:00.000+09:00")))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(executions)
                        .key(Map.of(EXECUTION_ID, s(executionId), ENTRY, s(SUMMARY_ENTRY)))
                        .updateExpression("ADD #stored :one SET #updated = :now")
                        .conditionExpression("attribute_exists(#status) AND #status <> :failed")
                        .expressionAttributeNames(Map.of("#stored", STORED, "#updated", UPDATED_AT, "#status", STATUS))
                        .expressionAttributeValues(Map.of(":one", n(1), ":now", s("2026-02-13T15:01:00.000+09:00"),
                                ":failed", s(ExecutionStatus.FAILED.name())))).build());
    }

    private static final String BODY = "{\"schema_version\":1," + "\"padding\":\"" + "x".repeat(900) + "\"}";

    /** Units per second over {@code seconds} on {@code threads} threads, after a warm-up of a fifth of that. */
    private double rate(Callable<Integer> op) throws Exception {
        run(op, seconds / 5);
        return run(op, seconds);
    }

    private double run(Callable<Integer> op, double duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long deadline = System.nanoTime() + (long) (duration * 1e9);
            long t0 = System.nanoTime();
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    long units = 0;
                    while (System.nanoTime() < deadline) units += op.call();
                    return units;
                }));
            }
            long total = 0;
            for (Future<Long> f : done) total += f.get();
            return total / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
