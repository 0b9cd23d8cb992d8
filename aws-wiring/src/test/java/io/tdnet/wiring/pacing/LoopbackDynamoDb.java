package io.tdnet.wiring.pacing;

import io.tdnet.model.Names;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local (in memory) behind its HTTP handler on 127.0.0.1 only, with the pacer table: the one
 * schedule several child JVMs share over HTTP, as Lambdas and {@code collect --aws} share it on AWS.
 */
final class LoopbackDynamoDb implements AutoCloseable {
    static final AwsBasicCredentials KEYS = AwsBasicCredentials.create("pacer", "pacer");
    private final Server server;

    private LoopbackDynamoDb(Server server) {
        this.server = server;
    }

    static LoopbackDynamoDb start() throws Exception {
        // shared across keys and regions; in memory
        LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(
                new LocalDynamoDBRequestHandler(0, true, null, true, false), null);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
        LoopbackDynamoDb db = new LoopbackDynamoDb(server);
        try (DynamoDbClient client = db.client()) {
            client.createTable(b -> b.tableName(Names.PACER_TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName(Names.PACER_KEY).attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName(Names.PACER_KEY).keyType(KeyType.HASH)));
        }
        return db;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    DynamoDbClient client() {
        return DynamoDbClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(KEYS)).build();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
