package io.tdnet.embedded;

import io.tdnet.model.Names;
import io.tdnet.model.PipelineResources;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The pipeline's AWS services inside this JVM, on 127.0.0.1 only: ElasticMQ (SQS), DynamoDB Local
 * (in-process, no socket) and S3Proxy (S3), with the queues, tables and bucket that {@code infra}
 * creates on AWS. All state lives under one data directory — {@code sqs/}, {@code dynamodb/},
 * {@code s3/} — and survives {@link #close()} and a killed JVM: starting again on the same directory
 * finds the queues with their messages, the tables with their items and the objects.
 *
 * <p>The local CLI and every integration test use this one class, through the same AWS SDK v2
 * clients the Lambdas use. Only one stack may be open per JVM at a time (ElasticMQ's persistence is
 * a JVM-wide singleton); tests share one through {@code EmbeddedAwsExtension}.
 *
 * <p>Over 300 lines because start-up order, restore after a restart and reset of the three emulators
 * depend on each other; each emulator's own setup is already in its own class.
 */
public final class EmbeddedAwsStack implements AutoCloseable {
    /** The work queues' visibility timeouts (the reconciler's horizon is built from them). */
    public static final java.time.Duration DOWNLOAD_VISIBILITY = java.time.Duration.ofSeconds(ElasticMqEmulator.DOWNLOAD_VISIBILITY_SECONDS);
    public static final java.time.Duration PERSIST_VISIBILITY = java.time.Duration.ofSeconds(ElasticMqEmulator.PERSIST_VISIBILITY_SECONDS);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAwsStack.class);

    static final Region REGION = Region.US_EAST_1;
    // Dummy credentials: the emulators accept any, S3Proxy checks the signature against these.
    static final String ACCESS_KEY = "tdnet-local";
    static final String SECRET_KEY = "tdnet-local-secret";
    private static final int MAX_CONNECTIONS = 50;
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STABLE_RESTORE = Duration.ofSeconds(3);

    private final Path dataDir;
    private final ElasticMqEmulator sqsEmulator;
    private final DynamoDbLocalEmulator dynamoDbEmulator;
    private final DynamoDbLocalEmulator scheduleEmulator;
    private final S3ProxyEmulator s3Emulator;
    private final SdkHttpClient sqsHttp;
    private final SdkHttpClient s3Http;
    private final SqsClient sqs;
    private final S3Client s3;
    private final PipelineTables tables;
    private final PipelineResources resources;
    private final boolean ttlSupported;
    private final Duration startupTime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedAwsStack(Path dataDir, ElasticMqEmulator sqsEmulator, DynamoDbLocalEmulator dynamoDbEmulator,
            DynamoDbLocalEmulator scheduleEmulator, S3ProxyEmulator s3Emulator, long startedNanos) {
        this.dataDir = dataDir;
        this.sqsEmulator = sqsEmulator;
        this.dynamoDbEmulator = dynamoDbEmulator;
        this.scheduleEmulator = scheduleEmulator;
        this.s3Emulator = s3Emulator;
        this.sqsHttp = httpClient();
        this.s3Http = httpClient();
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        this.sqs = SqsClient.builder()
                .region(REGION)
                .credentialsProvider(credentials)
                .endpointOverride(loopback(sqsEmulator.port()))
                .httpClient(sqsHttp)
                .build();
        this.s3 = S3Client.builder()
                .region(REGION)
                .credentialsProvider(credentials)
                .endpointOverride(loopback(s3Emulator.port()))
                .forcePathStyle(true)
                // S3Proxy does not know every flexible-checksum header recent SDKs send by default.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(s3Http)
                .build();
        this.tables = new PipelineTables(dynamoDbEmulator.client());

        Map<String, String> queueUrls = awaitQueues();
        awaitRestoredMessages(queueUrls);
        // No MessageRetentionPeriod: ElasticMQ 1.7.1 ignores it (with a warning) and never expires
        // messages, so the DLQs keep theirs at least the 14 days they keep on AWS.
        this.ttlSupported = tables.ensureAll();
        new PipelineTables(scheduleEmulator.client()).ensureSchedule();
        ensureBucket();
        abortDeadUploads();
        this.resources = new PipelineResources(
                queueUrls.get(Names.DOWNLOAD_QUEUE),
                queueUrls.get(Names.DOWNLOAD_DLQ),
                queueUrls.get(Names.PERSIST_QUEUE),
                queueUrls.get(Names.PERSIST_DLQ),
                Names.DISCLOSURES_TABLE,
                Names.EXECUTIONS_TABLE,
                Names.BUCKET);
        this.startupTime = Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * Starts the three emulators on {@code dataDir} (created if missing) and creates whatever queue,
     * table or bucket does not exist yet; existing ones, and their contents, are kept.
     *
     * @throws IllegalStateException if another stack is open in this JVM, or a service does not come up
     */
    public static EmbeddedAwsStack start(Path dataDir) {
        long started = System.nanoTime();
        Path dir = dataDir.toAbsolutePath().normalize();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            // ElasticMQ is the slowest to start (actor system, H2): start it while the others come up.
            CompletableFuture<ElasticMqEmulator> sqsStart = CompletableFuture.supplyAsync(() -> {
                try {
                    return ElasticMqEmulator.start(dir.resolve("sqs"));
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            DynamoDbLocalEmulator dynamoDb;
            DynamoDbLocalEmulator schedule;
            S3ProxyEmulator s3;
            try {
                dynamoDb = DynamoDbLocalEmulator.start(dir.resolve("dynamodb"));
                opened.add(dynamoDb);
                schedule = DynamoDbLocalEmulator.inMemory();
                opened.add(schedule);
                s3 = S3ProxyEmulator.start(dir.resolve("s3"), ACCESS_KEY, SECRET_KEY);
                opened.add(s3);
            } finally {
                // Always collect ElasticMQ, so a failure elsewhere does not leave it running.
                try {
                    opened.add(sqsStart.join());
                } catch (CompletionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            ElasticMqEmulator sqs = (ElasticMqEmulator) opened.get(opened.size() - 1);
            EmbeddedAwsStack stack = new EmbeddedAwsStack(dir, sqs, dynamoDb, schedule, s3, started);
            log.info("embedded AWS stack on {} started in {} ms (SQS 127.0.0.1:{}, S3 127.0.0.1:{}, DynamoDB in-process)",
                    dir, stack.startupTime.toMillis(), sqs.port(), s3.port());
            return stack;
        } catch (Exception e) {
            closeAll(opened, e);
            throw e instanceof IllegalStateException ise ? ise
                    : new IllegalStateException("embedded AWS stack did not start on " + dir + ": " + e, e);
        }
    }

    /** SQS client for the embedded ElasticMQ (pooled, 50 connections, default retries). */
    public SqsClient sqs() {
        return sqs;
    }

    /** S3 client for the embedded S3Proxy (path-style, checksums only when required). */
    public S3Client s3() {
        return s3;
    }

    /** DynamoDB client bound directly to the in-process DynamoDB Local engine (no socket). */
    public DynamoDbClient dynamoDb() {
        return dynamoDbEmulator.client();
    }

    /**
     * DynamoDB client of the engine that holds only the pacer's table ({@code Names.PACER_TABLE}, one item):
     * a second in-process DynamoDB Local, in memory. On AWS the schedule's item is in its own table, whose
     * latency does not depend on the archive's writes; DynamoDB Local runs each engine's requests one at a
     * time on its SQLite database, so one engine for both queued every reservation behind the persister's
     * transactions (measured at R = 50: reservations answered in 92 ms at the median, 320 ms at p90, and a
     * third of the slots given up for answers or checks that came after them). In memory: a schedule's
     * state is a minute old at most, and one process at a time uses a data directory.
     */
    public DynamoDbClient scheduleDynamoDb() {
        return scheduleEmulator.client();
    }

    /** The queue URLs, table names and bucket of this stack. */
    public PipelineResources resources() {
        return resources;
    }

    /** How long {@link #start(Path)} took: the three emulators, restore of persisted queues, resource creation. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The data directory this stack keeps its state in. */
    public Path dataDir() {
        return dataDir;
    }

    /** Whether DynamoDB Local accepted TTL on the executions table (it never expires items either way). */
    public boolean ttlSupported() {
        return ttlSupported;
    }

    /**
     * Empties everything, for test isolation: purges the four queues (visible and in-flight messages),
     * drops and recreates the tables, deletes every object in the bucket.
     */
    public void reset() {
        ensureOpen();
        for (String url : List.of(resources.downloadQueueUrl(), resources.downloadDlqUrl(),
                resources.persistQueueUrl(), resources.persistDlqUrl())) {
            sqs.purgeQueue(b -> b.queueUrl(url));
        }
        tables.recreateAll();
        new PipelineTables(scheduleDynamoDb()).recreateSchedule();
        emptyBucket();
    }

    /** Stops the emulators and clients, releasing their ports and files. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = new RuntimeException("closing the embedded AWS stack failed");
        closeAll(List.of(sqs, s3, sqsHttp, s3Http, s3Emulator, dynamoDbEmulator, scheduleEmulator, sqsEmulator), failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
        log.info("embedded AWS stack on {} stopped", dataDir);
    }

    private Map<String, String> awaitQueues() {
        Map<String, String> urls = new LinkedHashMap<>();
        long deadline = System.nanoTime() + RESTORE_TIMEOUT.toNanos();
        for (String queue : ElasticMqEmulator.QUEUES) {
            while (!urls.containsKey(queue)) {
                try {
                    urls.put(queue, sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl());
                } catch (QueueDoesNotExistException notYet) {
                    // ElasticMQ creates and restores queues asynchronously after it starts listening.
                    pauseUntil(deadline, "queue " + queue + " did not appear");
                }
            }
        }
        return urls;
    }

    /** Waits until ElasticMQ holds every message H2 had before the start (restore runs after queue creation). */
    private void awaitRestoredMessages(Map<String, String> queueUrls) {
        long deadline = System.nanoTime() + RESTORE_TIMEOUT.toNanos();
        for (Map.Entry<String, Long> expected : sqsEmulator.persistedMessageCounts().entrySet()) {
            if (expected.getValue() == 0) {
                continue;
            }
            // H2 may still hold rows of messages deleted just before a kill -9, which ElasticMQ does not
            // restore: wait for the count to reach the rows, or to stop growing, then go on — the
            // pipeline re-sends whatever its ledger still has pending, so nothing is lost either way.
            long last = -1;
            long stableSince = System.nanoTime();
            while (true) {
                long count = messageCount(queueUrls.get(expected.getKey()));
                if (count >= expected.getValue()) break;
                if (count != last) {
                    last = count;
                    stableSince = System.nanoTime();
                } else if (System.nanoTime() - stableSince > STABLE_RESTORE.toNanos()) {
                    log.warn("queue {}: {} of {} persisted rows restored as messages; going on", expected.getKey(),
                            count, expected.getValue());
                    break;
                }
                pauseUntil(deadline, "queue " + expected.getKey() + " did not get its " + expected.getValue()
                        + " persisted messages back");
            }
        }
    }

    private long messageCount(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    private static void pauseUntil(long deadline, String failure) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(failure + " within " + RESTORE_TIMEOUT.toSeconds() + " s");
        }
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + failure, e);
        }
    }

    private void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(Names.BUCKET));
        } catch (NoSuchBucketException absent) {
            s3.createBucket(b -> b.bucket(Names.BUCKET));
        }
    }

    /**
     * One process per data directory: a multipart upload still open at start was left by a killed
     * one (the stack's lifecycle rule aborts such uploads on AWS). Never visible, but it holds disk.
     */
    private void abortDeadUploads() {
        for (var upload : s3.listMultipartUploads(b -> b.bucket(Names.BUCKET)).uploads()) {
            log.info("aborting multipart upload of {} left by a killed process", upload.key());
            s3.abortMultipartUpload(b -> b.bucket(Names.BUCKET).key(upload.key()).uploadId(upload.uploadId()));
        }
    }

    private void emptyBucket() {
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(Names.BUCKET))) {
            List<ObjectIdentifier> keys = page.contents().stream()
                    .map(S3Object::key)
                    .map(key -> ObjectIdentifier.builder().key(key).build())
                    .toList();
            if (!keys.isEmpty()) {
                s3.deleteObjects(b -> b.bucket(Names.BUCKET).delete(d -> d.objects(keys).quiet(true)));
            }
        }
        for (var upload : s3.listMultipartUploads(b -> b.bucket(Names.BUCKET)).uploads()) {
            s3.abortMultipartUpload(b -> b.bucket(Names.BUCKET).key(upload.key()).uploadId(upload.uploadId()));
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("embedded AWS stack on " + dataDir + " is closed");
        }
    }

    private static SdkHttpClient httpClient() {
        return Apache5HttpClient.builder()
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
    }

    private static URI loopback(int port) {
        return URI.create("http://" + LoopbackPorts.LOOPBACK + ":" + port);
    }

    /** Closes in order, collecting failures on {@code failure} as suppressed exceptions. */
    private static void closeAll(List<? extends AutoCloseable> resources, Exception failure) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
