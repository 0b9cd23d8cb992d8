package io.tdnet.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The resources one function reads or writes, each proved to answer with the cheapest call (HeadBucket,
 * GetQueueAttributes of the queue's ARN, DescribeTable) before the function serves. A function that
 * cannot store what it fetches must fail its start — an init error, or a restore error under SnapStart
 * ({@link FunctionWiring#checkBeforeServing}) — instead of fetching from TDnet and failing afterwards,
 * once per redelivery. The calls are exactly those the stack grants for it ({@code CheckQueuesAtStart},
 * {@code CheckTablesAtStart}; HeadBucket is {@code s3:ListBucket}).
 */
public final class ResourceCheck {
    private record Probe(String resource, Supplier<?> call) {}

    private final String function;
    private final String stack;
    private final List<Probe> probes = new ArrayList<>();
    /** The SnapStart restore hook, held here because the runtime holds it weakly; null on demand. */
    private Object restoreHook;

    /**
     * @param function the function's name, for the message
     * @param stack    the stack that deployed it, for the message: what to fix is the deployment
     */
    public ResourceCheck(String function, String stack) {
        this.function = function;
        this.stack = stack;
    }

    public ResourceCheck bucket(S3Client s3, String bucket) {
        probes.add(new Probe("bucket " + bucket, () -> s3.headBucket(b -> b.bucket(bucket))));
        return this;
    }

    public ResourceCheck queue(SqsClient sqs, String queueUrl) {
        probes.add(new Probe("queue " + queueUrl, () -> sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN))));
        return this;
    }

    public ResourceCheck table(DynamoDbClient dynamoDb, String table) {
        probes.add(new Probe("table " + table, () -> dynamoDb.describeTable(b -> b.tableName(table))));
        return this;
    }

    /** What the check calls, in order ("bucket b", "queue u", "table t"). */
    public List<String> resources() {
        return probes.stream().map(Probe::resource).toList();
    }

    /**
     * Calls every resource once; fails with a {@link ResourceUnavailableException} naming each one that
     * did not answer (with AWS's error code) and the stack, after trying them all: one deployment fix,
     * not one per restart.
     */
    public void run() {
        List<String> failures = new ArrayList<>();
        SdkException first = null;
        for (Probe probe : probes) {
            try {
                probe.call().get();
            } catch (SdkException e) {
                failures.add(probe.resource() + ": " + AwsFailure.describe(e));
                if (first == null) first = e;
            }
        }
        if (!failures.isEmpty()) {
            throw new ResourceUnavailableException(function + " cannot serve: " + String.join("; ", failures)
                    + " (stack " + stack + "). It fetches nothing from TDnet until the stack's resources answer"
                    + " (a queue's messages come back and, after maxReceiveCount, move to its dead-letter queue).", first);
        }
    }

    void keep(Object hook) {
        this.restoreHook = hook;
    }

    /** Whether the check waits for each SnapStart restore (else it ran at init). */
    public boolean runsAtRestore() {
        return restoreHook != null;
    }

    /** A resource of the function's stack that does not answer: the function must not serve. */
    public static final class ResourceUnavailableException extends IllegalStateException {
        ResourceUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
