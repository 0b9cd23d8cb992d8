package io.tdnet.tdnetclient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.charset.StandardCharsets;

/**
 * Runs the client's request path once against a throwaway server on loopback, before the first paced
 * request: in a new JVM that request's first write and read load and initialise the classes on the path
 * between the slot's check and the wire (2 ms on an idle machine; 19–25 ms measured in the twin's
 * {@code collect --aws} on a loaded one, which put its first request and the two after it into one
 * second at the server). Nothing is sent to TDnet; a failure here only means the first request is cold.
 */
final class RequestPathWarmUp {
    private static final int TIMEOUT_MILLIS = 2_000;

    private RequestPathWarmUp() {}

    static void run(String userAgent, String accept) {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(TIMEOUT_MILLIS);
            Thread answerer = new Thread(() -> answerOnce(server), "tdnet-warm-up");
            answerer.setDaemon(true);
            answerer.start();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("User-Agent", userAgent);
            headers.put("Accept", accept);
            Duration timeout = Duration.ofMillis(TIMEOUT_MILLIS);
            try (Exchange exchange = Exchange.open(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/warm-up"), headers,
                    timeout, timeout)) {
                exchange.send();
                exchange.head();
                try (InputStream body = exchange.body()) {
                    body.readAllBytes();
                }
            }
            answerer.join(TIMEOUT_MILLIS);
        } catch (IOException e) {
            // the first real request will load the classes itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answerOnce(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            InputStream in = socket.getInputStream();
            // read the request head (it ends with an empty line), then answer and close
            int matched = 0;
            for (int b; matched < 4 && (b = in.read()) != -1; ) {
                matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the client side gives up on its own timeout
        }
    }
}
