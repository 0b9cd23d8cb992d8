package io.tdnet.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * DynamoDB Local in this JVM without its HTTP server (which would bind every interface): the SDK v2
 * client it hands out calls the engine directly. Tables live in a SQLite file under the directory.
 */
final class DynamoDbLocalEmulator implements AutoCloseable {
    static final String DATABASE_FILE = "tables.db";
    private final AmazonDynamoDBLocal engine;
    private final DynamoDbClient client;

    private DynamoDbLocalEmulator(AmazonDynamoDBLocal engine) {
        this.engine = engine;
        this.client = engine.dynamoDbClient();
    }

    static DynamoDbLocalEmulator start(Path directory) throws IOException {
        Files.createDirectories(directory);
        // The File is the SQLite database file itself: given a directory, sqlite4java cannot open it and
        // create() blocks forever (it retries every 3 s). true = disable telemetry (it phones home by default).
        return new DynamoDbLocalEmulator(DynamoDBEmbedded.create(directory.resolve(DATABASE_FILE).toFile(), true));
    }

    /** An engine whose tables live in memory only, gone when it shuts down. */
    static DynamoDbLocalEmulator inMemory() {
        return new DynamoDbLocalEmulator(DynamoDBEmbedded.create(true));
    }

    DynamoDbClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            engine.shutdown();
        }
    }
}
