package io.tdnet.local;

import io.tdnet.model.PipelineResources;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An environment whose three clients are seen through a {@link ServiceInterceptor} (bench counts, chaos). */
public final class InterceptedEnvironment implements PipelineEnvironment {
    private final PipelineEnvironment inner;
    private final SqsClient sqs;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;

    public InterceptedEnvironment(PipelineEnvironment inner, ServiceInterceptor interceptor) {
        this.inner = inner;
        this.sqs = ServiceInterceptor.wrap(SqsClient.class, inner.sqs(), "sqs", interceptor);
        this.s3 = ServiceInterceptor.wrap(S3Client.class, inner.s3(), "s3", interceptor);
        this.dynamoDb = ServiceInterceptor.wrap(DynamoDbClient.class, inner.dynamoDb(), "dynamodb", interceptor);
    }

    @Override public SqsClient sqs() { return sqs; }
    @Override public S3Client s3() { return s3; }
    @Override public DynamoDbClient dynamoDb() { return dynamoDb; }
    @Override public PipelineResources resources() { return inner.resources(); }

    @Override
    public io.tdnet.model.Pacer pacer(io.tdnet.model.Rate rate, io.tdnet.model.TdnetOrigin origin,
                                      io.tdnet.wiring.pacing.SharedPacer.Observer observer) {
        // the schedule's own reads and writes are not the pipeline's operations: not counted
        return inner.pacer(rate, origin, observer);
    }
    @Override public String describe() { return inner.describe(); }
    @Override public String listerName() { return inner.listerName(); }
    @Override public boolean ownsRunningExecutions() { return inner.ownsRunningExecutions(); }
    @Override public String locationOf(String s3Key) { return inner.locationOf(s3Key); }

    /** The wrapped environment stays open: its owner closes it. */
    @Override
    public void close() {}
}
