package io.tdnet.tdnetclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP of one exchange against a loopback socket that answers with exact bytes. */
class ExchangeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private ServerSocket server;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout(5_000);
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    /** Accepts one connection, reads the request head, answers {@code answer} and closes; yields the head. */
    private CompletableFuture<String> answerOnce(String answer) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                int matched = 0;
                for (int b; matched < 4 && (b = in.read()) != -1; ) {
                    head.write(b);
                    matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
                }
                s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                return head.toString(StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private Exchange exchange(String pathAndQuery) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "ua-under-test/1");
        headers.put("Accept", "application/pdf");
        Exchange e = Exchange.open(URI.create("http://127.0.0.1:" + server.getLocalPort() + pathAndQuery), headers, TIMEOUT, TIMEOUT);
        e.send();
        return e;
    }

    @Test
    void writesOneGetWithItsHeadersAndReadsALengthDelimitedBody() throws Exception {
        CompletableFuture<String> request = answerOnce("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Extra: a\r\nx-extra: b\r\n\r\nhello-and-more");
        try (Exchange e = exchange("/inbs/I_list_001_20260213.html?x=1")) {
            assertThat(e.head().status()).isEqualTo(200);
            assertThat(e.head().contentLength()).isEqualTo(5);
            assertThat(e.head().header("X-EXTRA")).contains("a, b");
            assertThat(e.body().readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("hello");
        }
        assertThat(request.get(5, TimeUnit.SECONDS)).startsWith("GET /inbs/I_list_001_20260213.html?x=1 HTTP/1.1\r\n")
                .contains("Host: 127.0.0.1:" + server.getLocalPort() + "\r\n", "User-Agent: ua-under-test/1\r\n",
                        "Accept: application/pdf\r\n", "Connection: close\r\n", "Accept-Encoding: identity\r\n");
    }

    @Test
    void aBodyShorterThanItsLengthIsTruncatedNotComplete() throws Exception {
        answerOnce("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        try (Exchange e = exchange("/a.pdf")) {
            InputStream body = e.body();
            assertThatThrownBy(body::readAllBytes).isInstanceOf(EOFException.class).hasMessage("truncated body (3 of 10 bytes)");
        }
    }

    @Test
    void aChunkedBodyIsDecodedWithExtensionsAndTrailers() throws Exception {
        answerOnce("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=x\r\nhello\r\nA\r\n, chunked!\r\n0\r\nX-Trailer: t\r\n\r\n");
        try (Exchange e = exchange("/")) {
            assertThat(e.head().contentLength()).isEqualTo(-1);
            assertThat(e.body().readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("hello, chunked!");
        }
    }

    @Test
    void aChunkedBodyCutShortIsTruncated() throws Exception {
        answerOnce("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nonly-six");
        try (Exchange e = exchange("/")) {
            InputStream body = e.body();
            assertThatThrownBy(body::readAllBytes).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aBodyWithoutLengthRunsUntilTheServerCloses() throws Exception {
        answerOnce("HTTP/1.0 200 OK\r\n\r\nall of it");
        try (Exchange e = exchange("/")) {
            assertThat(e.body().readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("all of it");
        }
    }

    @Test
    void anInterimAnswerIsSkipped() throws Exception {
        answerOnce("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Length: 0\r\n\r\n");
        try (Exchange e = exchange("/")) {
            assertThat(e.head().status()).isEqualTo(503);
            assertThat(e.head().header("retry-after")).contains("5");
        }
    }

    @Test
    void whatIsNotAnHttpAnswerIsAnIoFailure() throws Exception {
        answerOnce("SSH-2.0-OpenSSH\r\n\r\n");
        try (Exchange e = exchange("/")) {
            assertThatThrownBy(e::head).isInstanceOf(IOException.class).hasMessageContaining("not an HTTP status line");
        }
    }

    @Test
    void aServerClosingBeforeTheHeadEndsIsAnIoFailure() throws Exception {
        answerOnce("HTTP/1.1 200 OK\r\nContent-Le");
        try (Exchange e = exchange("/")) {
            assertThatThrownBy(e::head).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void anEndlessHeadIsRefusedAtTheCap() throws Exception {
        answerOnce("HTTP/1.1 200 OK\r\n" + "X-Pad: " + "x".repeat(Exchange.MAX_HEAD_BYTES) + "\r\n\r\n");
        try (Exchange e = exchange("/")) {
            assertThatThrownBy(e::head).isInstanceOf(IOException.class).hasMessageContaining("longer than");
        }
    }
}
