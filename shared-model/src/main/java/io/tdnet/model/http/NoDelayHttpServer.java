package io.tdnet.model.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Creates the JDK's {@link HttpServer} with Nagle's algorithm off on the connections it accepts.
 *
 * <p>Why: the JDK server writes an answer's headers and its body as two writes. With Nagle on (its default)
 * the body waits for the client to acknowledge the headers, and the client delays that acknowledgement —
 * 40 ms on Linux — for every answer on a kept-alive connection. Measured through the AWS twin's gateway: a
 * pacer reservation took 53 ms at the median with Nagle on, 13 ms with it off ({@code tdnet bench --only
 * politeness}, twin line). The JDK has no per-server switch, only the {@code sun.net.httpserver.nodelay}
 * property it reads once, when the JVM's first server is created; so every server of this project is made
 * here, and the property is set before the first one. A value set on the command line is kept.
 */
public final class NoDelayHttpServer {
    /** The JDK server's switch for {@code TCP_NODELAY} on accepted connections. */
    public static final String PROPERTY = "sun.net.httpserver.nodelay";

    private NoDelayHttpServer() {}

    /** As {@link HttpServer#create(InetSocketAddress, int)}: bound, not started. */
    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        if (System.getProperty(PROPERTY) == null) System.setProperty(PROPERTY, "true");
        return HttpServer.create(address, backlog);
    }
}
