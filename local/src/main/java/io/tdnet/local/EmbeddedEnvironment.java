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
    private final java.nio.channels.FileChannel lockFile;

    private EmbeddedEnvironment(Path dataDir, EmbeddedAwsStack stack, java.nio.channels.FileChannel lockFile) {
        this.dataDir = dataDir;
        this.stack = stack;
        this.lockFile = lockFile;
    }

    /**
     * Starts the stack on the data dir, which one process at a time may use: the emulators' files are
     * not made for two writers, so a second {@code tdnet} on the same dir is refused with a clear message.
     */
    public static EmbeddedEnvironment start(Path dataDir) {
        java.nio.channels.FileChannel lock = lock(dataDir);
        try {
            return new EmbeddedEnvironment(dataDir, EmbeddedAwsStack.start(dataDir), lock);
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
    }

    private static java.nio.channels.FileChannel lock(Path dataDir) {
        try {
            java.nio.file.Files.createDirectories(dataDir);
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dataDir.resolve(".lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                channel.close();
                throw new IllegalStateException("data dir " + dataDir.toAbsolutePath().normalize()
                        + " is in use by another tdnet process; wait for it or use another --data-dir");
            }
            return channel;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new IllegalStateException("data dir " + dataDir + " is already open in this process", e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot use data dir " + dataDir, e);
        }
    }

    private static void closeQuietly(java.nio.channels.FileChannel channel) {
        try {
            channel.close();
        } catch (java.io.IOException ignored) {
            // the lock goes with the process anyway
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
        return SharedSchedule.inProcess(stack.dynamoDb(), Names.PACER_TABLE, rate, origin, observer);
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
            closeQuietly(lockFile);
        }
    }
}
