package io.tdnet.embedded;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tdnet.model.Names;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Function0;

/**
 * ElasticMQ with H2 message persistence, bound to 127.0.0.1. The pipeline's four queues are declared
 * in its configuration, so ElasticMQ itself creates them on first start and restores them (with their
 * messages) on every later start — creating them through the API could race with that restore.
 *
 * <p>ElasticMQ keeps its H2 connection pool in a JVM-wide singleton that is initialised once; so only
 * one instance may be open per JVM at a time, and {@link #close()} closes that pool and re-arms the
 * singleton so the next start may use another directory.
 */
final class ElasticMqEmulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ElasticMqEmulator.class);

    /** Guards ElasticMQ's JVM-wide persistence singleton: holds the directory of the open instance. */
    private static final AtomicReference<Path> OPEN_DIRECTORY = new AtomicReference<>();

    static final String ACCOUNT_ID = "000000000000";
    static final List<String> QUEUES =
            List.of(Names.DOWNLOAD_QUEUE, Names.DOWNLOAD_DLQ, Names.PERSIST_QUEUE, Names.PERSIST_DLQ);
    // Long enough for a paced download with its in-process retries; short enough that a run resumed
    // after kill -9 waits at most a minute for the messages the dead process held.
    static final int DOWNLOAD_VISIBILITY_SECONDS = 60;
    static final int PERSIST_VISIBILITY_SECONDS = 60;

    private final Path directory;
    private final int port;
    private final Map<String, Long> persistedMessageCounts;
    private final Function0<?> shutdown;

    private ElasticMqEmulator(Path directory, int port, Map<String, Long> persistedMessageCounts, Function0<?> shutdown) {
        this.directory = directory;
        this.port = port;
        this.persistedMessageCounts = persistedMessageCounts;
        this.shutdown = shutdown;
    }

    static ElasticMqEmulator start(Path directory) throws Exception {
        Path normalized = directory.toAbsolutePath().normalize();
        if (!OPEN_DIRECTORY.compareAndSet(null, normalized)) {
            throw new IllegalStateException("an embedded ElasticMQ is already open in this JVM (on "
                    + OPEN_DIRECTORY.get() + "): its message persistence is a JVM-wide singleton, so close that"
                    + " stack first or share it");
        }
        try {
            Files.createDirectories(normalized);
            String jdbcUri = "jdbc:h2:file:" + normalized.resolve("elasticmq");
            Map<String, Long> counts = countPersistedMessages(jdbcUri);
            Exception last = null;
            for (int attempt = 1; attempt <= 3; attempt++) {
                int port = LoopbackPorts.freePort();
                try {
                    ElasticMQServer server = new ElasticMQServer(new ElasticMQServerConfig(config(port, jdbcUri)));
                    Function0<?> shutdown = server.start();
                    return new ElasticMqEmulator(normalized, port, counts, shutdown);
                } catch (RuntimeException e) {
                    last = e;
                    log.warn("ElasticMQ did not start on port {} (attempt {}): {}", port, attempt, e.toString());
                    releasePersistenceSingleton();
                }
            }
            throw last;
        } catch (Exception | Error e) {
            OPEN_DIRECTORY.set(null);
            throw e;
        }
    }

    int port() {
        return port;
    }

    /**
     * Messages per queue in the H2 database under {@code directory} now. ElasticMQ writes a sent message to H2
     * after it has answered the send, so a test that kills the JVM waits for this to count it first.
     */
    static Map<String, Long> persistedNow(Path directory) throws SQLException {
        return countPersistedMessages("jdbc:h2:file:" + directory.toAbsolutePath().normalize().resolve("elasticmq"));
    }

    /** Messages per queue found in H2 before the server started: the restore is complete once ElasticMQ shows them. */
    Map<String, Long> persistedMessageCounts() {
        return persistedMessageCounts;
    }

    @Override
    public void close() {
        try {
            shutdown.apply();
        } finally {
            releasePersistenceSingleton();
            OPEN_DIRECTORY.compareAndSet(directory, null);
        }
    }

    private static Config config(int port, String jdbcUri) {
        String hocon = String.join("\n",
                "rest-sqs { enabled = true, bind-port = " + port + ", bind-hostname = \"" + LoopbackPorts.LOOPBACK
                        + "\", sqs-limits = strict }",
                "node-address { protocol = \"http\", host = \"" + LoopbackPorts.LOOPBACK + "\", port = " + port
                        + ", context-path = \"\" }",
                "generate-node-address = false",
                "aws { region = \"us-east-1\", accountId = \"" + ACCOUNT_ID + "\" }",
                "queues-storage { enabled = false }",
                "messages-storage { enabled = true, uri = \"" + jdbcUri + "\", prune-data-on-init = false }",
                "queues {",
                queue(Names.DOWNLOAD_DLQ, DOWNLOAD_VISIBILITY_SECONDS, null, 0),
                queue(Names.DOWNLOAD_QUEUE, DOWNLOAD_VISIBILITY_SECONDS, Names.DOWNLOAD_DLQ, Names.DOWNLOAD_MAX_RECEIVE_COUNT),
                queue(Names.PERSIST_DLQ, PERSIST_VISIBILITY_SECONDS, null, 0),
                queue(Names.PERSIST_QUEUE, PERSIST_VISIBILITY_SECONDS, Names.PERSIST_DLQ, Names.PERSIST_MAX_RECEIVE_COUNT),
                "}");
        return ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.load(ElasticMqEmulator.class.getClassLoader()))
                .resolve();
    }

    private static String queue(String name, int visibilitySeconds, String dlq, int maxReceiveCount) {
        String redrive = dlq == null ? ""
                : ", deadLettersQueue { name = \"" + dlq + "\", maxReceiveCount = " + maxReceiveCount + " }";
        return "  \"" + name + "\" { defaultVisibilityTimeout = " + visibilitySeconds + " seconds" + redrive + " }";
    }

    /**
     * Reads how many messages each queue has in H2, before ElasticMQ opens it. ElasticMQ restores
     * queues asynchronously; these counts tell the stack when the restore has finished.
     * Table names follow ElasticMQ's MessageRepository: message_&lt;name with - and . as _&gt;_&lt;hex hash&gt;.
     */
    private static Map<String, Long> countPersistedMessages(String jdbcUri) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUri + ";IFEXISTS=TRUE", "", "")) {
            for (String queue : QUEUES) {
                String table = "message_" + queue.replace(".", "_").replace("-", "_") + "_"
                        + Integer.toHexString(queue.hashCode());
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(queue, rs.getLong(1));
                } catch (SQLException noTable) {
                    counts.put(queue, 0L);
                }
            }
        } catch (SQLException noDatabaseYet) {
            // IFEXISTS=TRUE: a first start has no database and nothing to restore.
            QUEUES.forEach(queue -> counts.putIfAbsent(queue, 0L));
        }
        return Map.copyOf(counts);
    }

    /** Closes ElasticMQ's JVM-wide pool (which closes the H2 file) and lets the next start initialise it again. */
    private static void releasePersistenceSingleton() {
        try {
            scalikejdbc.ConnectionPool$.MODULE$.closeAll();
        } catch (RuntimeException e) {
            log.warn("closing ElasticMQ's connection pool failed", e);
        }
        try {
            Class<?> db = Class.forName("org.elasticmq.persistence.sql.DB$");
            Field initialized = db.getDeclaredField("initialized");
            initialized.setAccessible(true);
            initialized.setBoolean(null, false);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot re-arm ElasticMQ's persistence singleton (ElasticMQ version changed?)", e);
        }
    }
}
