package io.tdnet.embedded;

import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * One DynamoDB Local engine, in memory, behind its own HTTP request handler (so a front can forward raw
 * requests to it) in a Jetty server bound to 127.0.0.1 only — DynamoDB Local's stock server would bind
 * every interface. Shared across access keys and regions: a front signs with many keys.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
    private final Server server;
    private final LocalDynamoDBServerHandler handler;

    private DynamoDbLocalServer(Server server, LocalDynamoDBServerHandler handler) {
        this.server = server;
        this.handler = handler;
    }

    public static DynamoDbLocalServer start() throws Exception {
        LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(
                new LocalDynamoDBRequestHandler(0, true, null, true, false), null);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(LoopbackPorts.LOOPBACK);
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        try {
            server.start();
        } catch (Exception e) {
            handler.close();
            throw e;
        }
        return new DynamoDbLocalServer(server, handler);
    }

    /** The engine's HTTP endpoint (JSON protocol). */
    public URI endpoint() {
        return URI.create("http://" + LoopbackPorts.LOOPBACK + ":" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            handler.close();
        }
    }
}
