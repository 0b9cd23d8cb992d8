package io.tdnet.local;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.PipelineResources;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The embedded emulators in this JVM, state under the data directory. */
final class EmbeddedEnvironment implements PipelineEnvironment {
    private final Path dataDir;
    private final EmbeddedAwsStack stack;

    private EmbeddedEnvironment(Path dataDir, EmbeddedAwsStack stack) {
        this.dataDir = dataDir;
        this.stack = stack;
    }

    static EmbeddedEnvironment start(Path dataDir) {
        return new EmbeddedEnvironment(dataDir, EmbeddedAwsStack.start(dataDir));
    }

    EmbeddedAwsStack stack() {
        return stack;
    }

    @Override public SqsClient sqs() { return stack.sqs(); }
    @Override public S3Client s3() { return stack.s3(); }
    @Override public DynamoDbClient dynamoDb() { return stack.dynamoDb(); }
    @Override public PipelineResources resources() { return stack.resources(); }

    @Override
    public String describe() {
        return "data dir " + dataDir.toAbsolutePath().normalize();
    }

    @Override
    public String locationOf(String s3Key) {
        return dataDir.resolve("s3").resolve(stack.resources().bucket()).resolve(s3Key).toAbsolutePath().normalize().toString();
    }

    @Override
    public void close() {
        stack.close();
    }
}
