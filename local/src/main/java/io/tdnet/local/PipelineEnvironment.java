package io.tdnet.local;

import io.tdnet.model.Pacer;
import io.tdnet.model.Rate;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.wiring.pacing.SharedPacer;
import io.tdnet.model.PipelineResources;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where the CLI's services run: the embedded stack under a data directory (the default), or a deployed
 * stack on AWS ({@code --aws}). Either way the same lister, workers and ledger are used.
 */
public interface PipelineEnvironment extends AutoCloseable {
    SqsClient sqs();

    S3Client s3();

    DynamoDbClient dynamoDb();

    PipelineResources resources();

    /**
     * The pacer toward TDnet at {@code rate}: the deployment's one shared schedule in this environment's
     * pacer table (in-process DynamoDB Local locally, the stack's table with {@code --aws}), so every
     * process of the environment shares R. An unthrottled rate is refused unless {@code origin} is on loopback.
     */
    Pacer pacer(Rate rate, TdnetOrigin origin, SharedPacer.Observer observer);

    /** Human description for messages ("data dir ./tdnet-data", "AWS stage prod in ap-northeast-1"). */
    String describe();

    /** Where a stored PDF can be found by a person. */
    String locationOf(String s3Key);

    /**
     * This process's name on a date's listing lease. Unique per process by default; the embedded stack
     * names its data directory, which one process at a time may open, so a run killed there takes its
     * lease back at once when it is started again.
     */
    default String listerName() {
        return "cli:" + ProcessHandle.current().pid() + "@" + hostName();
    }

    /**
     * True when an unsettled RUNNING execution can only be a killed run of this very environment (the
     * embedded stack: one process per data directory), so collecting its date continues it. On AWS a
     * running execution belongs to the deployed pipeline and a new run lists the date beside it.
     */
    default boolean ownsRunningExecutions() {
        return false;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    @Override
    void close();
}
