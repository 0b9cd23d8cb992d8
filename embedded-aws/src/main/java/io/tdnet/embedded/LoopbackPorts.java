package io.tdnet.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a free TCP port on 127.0.0.1 for servers that cannot report the port they bound to. */
final class LoopbackPorts {
    static final String LOOPBACK = "127.0.0.1";

    private LoopbackPorts() {}

    /**
     * A port that was free a moment ago. Another process may take it before the caller binds it, so
     * callers retry with a new port when binding fails.
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }
}
