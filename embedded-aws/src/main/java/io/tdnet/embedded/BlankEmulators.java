package io.tdnet.embedded;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Function0;

/**
 * The three emulators with nothing created in them, each on its own 127.0.0.1 port, for a caller that
 * provisions its own resources (the AWS twin creates what the synthesized template declares) and fronts
 * them with its own endpoint. Unlike {@link EmbeddedAwsStack}:
 * <ul>
 *   <li>ElasticMQ keeps messages in memory, with the given account id and region in its queue URLs;</li>
 *   <li>DynamoDB Local is a {@link DynamoDbLocalServer}: in memory, behind a Jetty server bound to 127.0.0.1;</li>
 *   <li>S3Proxy does not authenticate: the front verifies and attributes every request itself.</li>
 * </ul>
 * Nothing here checks signatures; only a loopback front may be reachable by other processes.
 */
public final class BlankEmulators implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BlankEmulators.class);

    private final Function0<?> sqsShutdown;
    private final int sqsPort;
    private final DynamoDbLocalServer dynamoDb;
    private final S3Proxy s3;

    private BlankEmulators(Function0<?> sqsShutdown, int sqsPort, DynamoDbLocalServer dynamoDb, S3Proxy s3) {
        this.sqsShutdown = sqsShutdown;
        this.sqsPort = sqsPort;
        this.dynamoDb = dynamoDb;
        this.s3 = s3;
    }

    /**
     * Starts the three on loopback; S3 objects live under {@code s3Directory}, everything else in memory.
     *
     * @param accountId the account id ElasticMQ puts in queue URLs and ARNs
     * @param region    the region ElasticMQ reports
     */
    public static BlankEmulators start(Path s3Directory, String accountId, String region) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            int sqsPort = LoopbackPorts.freePort();
            Function0<?> sqsShutdown = new ElasticMQServer(new ElasticMQServerConfig(ConfigFactory.parseString(String.join("\n",
                    "rest-sqs { enabled = true, bind-port = " + sqsPort + ", bind-hostname = \"" + LoopbackPorts.LOOPBACK
                            + "\", sqs-limits = strict }",
                    "node-address { protocol = \"http\", host = \"" + LoopbackPorts.LOOPBACK + "\", port = " + sqsPort
                            + ", context-path = \"\" }",
                    "generate-node-address = false",
                    "aws { region = \"" + region + "\", accountId = \"" + accountId + "\" }",
                    "queues-storage { enabled = false }",
                    "messages-storage { enabled = false }",
                    "queues {}"))
                    .withFallback(ConfigFactory.load(BlankEmulators.class.getClassLoader())).resolve())).start();
            opened.add(sqsShutdown::apply);

            DynamoDbLocalServer dynamoDb = DynamoDbLocalServer.start();
            opened.add(dynamoDb);

            Files.createDirectories(s3Directory);
            S3Proxy s3 = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(s3Directory.toAbsolutePath().toString()))
                    .endpoint(URI.create("http://" + LoopbackPorts.LOOPBACK + ":0"))
                    .awsAuthentication(AuthenticationType.NONE, null, null)
                    .ignoreUnknownHeaders(true)
                    .jettyMaxThreads(64)
                    .build();
            s3.start();
            opened.add(s3::stop);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(s3.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + s3.getState());
                }
                Thread.sleep(10);
            }
            BlankEmulators emulators = new BlankEmulators(sqsShutdown, sqsPort, dynamoDb, s3);
            log.info("blank emulators on loopback: SQS {}, DynamoDB {}, S3 {}", emulators.sqsEndpoint(),
                    emulators.dynamoDbEndpoint(), emulators.s3Endpoint());
            return emulators;
        } catch (Exception e) {
            Rollback.closeInReverse(opened, e);
            throw new IllegalStateException("blank emulators did not start: " + e, e);
        }
    }

    /** ElasticMQ (SQS JSON and query protocols). */
    public URI sqsEndpoint() {
        return loopback(sqsPort);
    }

    /** DynamoDB Local's HTTP handler (JSON protocol). */
    public URI dynamoDbEndpoint() {
        return dynamoDb.endpoint();
    }

    /** S3Proxy, path-style, unauthenticated. */
    public URI s3Endpoint() {
        return loopback(s3.getPort());
    }

    @Override
    public void close() {
        RuntimeException failure = new RuntimeException("closing the blank emulators failed");
        for (AutoCloseable c : List.<AutoCloseable>of(s3::stop, dynamoDb, sqsShutdown::apply)) {
            try {
                c.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static URI loopback(int port) {
        return URI.create("http://" + LoopbackPorts.LOOPBACK + ":" + port);
    }
}
