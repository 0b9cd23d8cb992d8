package io.tdnet.serve;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.local.PipelineEnvironment;
import io.tdnet.model.Names;
import io.tdnet.model.Pacer;
import io.tdnet.model.PipelineResources;
import io.tdnet.model.Rate;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.wiring.pacing.SharedPacer;
import io.tdnet.wiring.pacing.SharedSchedule;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The test JVM's shared embedded stack as the environment {@code collect} runs in; closing it leaves the stack to JUnit. */
final class StackEnvironment implements PipelineEnvironment {
    private final EmbeddedAwsStack stack;

    StackEnvironment(EmbeddedAwsStack stack) {
        this.stack = stack;
    }

    @Override public SqsClient sqs() { return stack.sqs(); }
    @Override public S3Client s3() { return stack.s3(); }
    @Override public DynamoDbClient dynamoDb() { return stack.dynamoDb(); }
    @Override public PipelineResources resources() { return stack.resources(); }
    @Override public String describe() { return "the shared test stack"; }
    @Override public String locationOf(String s3Key) { return s3Key; }

    @Override
    public Pacer pacer(Rate rate, TdnetOrigin origin, SharedPacer.Observer observer) {
        return SharedSchedule.inProcess(stack.scheduleDynamoDb(), Names.PACER_TABLE, rate, origin, observer);
    }

    @Override
    public void close() {
        // the stack belongs to the EmbeddedAwsExtension
    }
}
