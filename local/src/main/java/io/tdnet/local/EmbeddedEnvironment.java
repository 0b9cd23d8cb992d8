package io.tdnet.local;

import io.tdnet.model.Names;
import io.tdnet.model.Pacer;
import io.tdnet.model.Rate;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.wiring.pacing.SharedPacer;
import io.tdnet.wiring.pacing.SharedSchedule;
import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.PipelineResources;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The embedded emulators in this JVM, state under the data directory. */
public final class EmbeddedEnvironment implements PipelineEnvironment {
    private final Path dataDir;
    private final EmbeddedAwsStack stack;
    private final DataDirLock lock;

    private EmbeddedEnvironment(Path dataDir, EmbeddedAwsStack stack, DataDirLock lock) {
        this.dataDir = dataDir;
        this.stack = stack;
        this.lock = lock;
    }

    /**
     * Starts the stack on the data dir, which one process at a time may use: the emulators' files are
     * not made for two writers, so a second {@code tdnet} on the same dir is refused with a clear message.
     */
    public static EmbeddedEnvironment start(Path dataDir) {
        return start(dataDir, "a tdnet process");
    }

    /** As {@link #start(Path)}; {@code holder} (e.g. {@code tdnet serve}) is what a refused second process is told. */
    public static EmbeddedEnvironment start(Path dataDir, String holder) {
        DataDirLock lock = DataDirLock.acquire(dataDir, holder);
        try {
            return new EmbeddedEnvironment(dataDir, EmbeddedAwsStack.start(dataDir), lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public EmbeddedAwsStack stack() {
        return stack;
    }

    @Override public SqsClient sqs() { return stack.sqs(); }
    @Override public String listerName() { return "local:" + dataDir.toAbsolutePath().normalize(); }
    @Override public boolean ownsRunningExecutions() { return true; }
    @Override public S3Client s3() { return stack.s3(); }
    @Override public DynamoDbClient dynamoDb() { return stack.dynamoDb(); }
    @Override public PipelineResources resources() { return stack.resources(); }

    @Override
    public Pacer pacer(Rate rate, TdnetOrigin origin, SharedPacer.Observer observer) {
        return SharedSchedule.inProcess(stack.scheduleDynamoDb(), Names.PACER_TABLE, rate, origin, observer);
    }

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
        try {
            stack.close();
        } finally {
            lock.close();
        }
    }
}
