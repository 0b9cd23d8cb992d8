package io.tdnet.tdnetclient;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One GET and its answer on a connection of its own (HTTP/1.1, {@code Connection: close}): opened
 * (TCP, and TLS with host name verification) before the slot, the request head built before the slot
 * and written in one call at it, so the caller learns when the request went on the wire — the instant
 * the politeness limit is about. {@code HttpURLConnection} writes its request somewhere inside
 * {@code getResponseCode()}: a thread preempted there sent late with nobody the wiser (measured in the
 * twin: 15–23 ms after the permit for 2–4 requests in 120). A connection per request also means no
 * idle connection is ever held open to TDnet.
 */
final class Exchange implements Closeable {
    /** A response head longer than this is not TDnet's. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    private final Socket socket;
    private final byte[] request;
    private InputStream in;
    private Head head;

    private Exchange(Socket socket, byte[] request) {
        this.socket = socket;
        this.request = request;
    }

    /**
     * Connects to {@code url}'s host (TLS handshake included for https) and prepares the GET.
     *
     * @param headers request headers besides Host and Connection, in order
     */
    static Exchange open(URI url, Map<String, String> headers, Duration connectTimeout, Duration readTimeout) throws IOException {
        return open(url, headers, connectTimeout, readTimeout, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** As above, with the TLS of {@code tls} (the JDK's default trust store unless a test says otherwise). */
    static Exchange open(URI url, Map<String, String> headers, Duration connectTimeout, Duration readTimeout, SSLSocketFactory tls)
            throws IOException {
        boolean secure = "https".equalsIgnoreCase(url.getScheme());
        String host = url.getHost();
        int port = url.getPort() >= 0 ? url.getPort() : (secure ? 443 : 80);
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), millis(connectTimeout.toMillis()));
            plain.setSoTimeout(millis(readTimeout.toMillis()));
            Socket socket = plain;
            if (secure) {
                // the host name is checked against the certificate (endpoint identification), as a browser would
                SSLSocket ssl = (SSLSocket) tls.createSocket(plain, host, port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
                ssl.startHandshake();
                socket = ssl;
            }
            return new Exchange(socket, requestHead(url, host, url.getPort(), headers));
        } catch (IOException | RuntimeException e) {
            closeQuietly(plain);
            throw e;
        }
    }

    static byte[] requestHead(URI url, String host, int port, Map<String, String> headers) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        StringBuilder head = new StringBuilder(256).append("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(port >= 0 ? ":" + port : "").append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Accept-Encoding: identity\r\nConnection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes the request in one call; when this returns the request is on the wire. */
    void send() throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
    }

    /** The status line and headers of the answer (1xx answers skipped). */
    Head head() throws IOException {
        if (head != null) return head;
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        do {
            head = Head.parse(readHead(in));
        } while (head.status() >= 100 && head.status() < 200);
        return head;
    }

    /**
     * The answer's body: exactly Content-Length bytes (fewer is an {@link EOFException}), the chunks of a
     * chunked one, or everything until the server closes.
     */
    InputStream body() throws IOException {
        Head h = head();
        if (h.chunked()) return new ChunkedBody(in);
        if (h.contentLength() >= 0) return new LengthBody(in, h.contentLength());
        return in;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new EOFException("connection closed before the response head ended");
            head.write(b);
            if (head.size() > MAX_HEAD_BYTES) throw new IOException("response head longer than " + MAX_HEAD_BYTES + " bytes");
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1
                    : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    /** A status line and its headers (names case-insensitive, repeated ones joined by ", "). */
    record Head(int status, Map<String, String> headers) {
        static Head parse(byte[] bytes) throws IOException {
            String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + Printable.of(lines[0], 80));
            }
            int status;
            try {
                status = Integer.parseInt(statusLine[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status: " + Printable.of(statusLine[1], 20));
            }
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) continue;
                headers.merge(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
            return new Head(status, headers);
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        boolean chunked() {
            return header("Transfer-Encoding").map(v -> v.toLowerCase(java.util.Locale.ROOT).contains("chunked")).orElse(false);
        }

        /** The declared length, or −1 when there is none (or it is not a number). */
        long contentLength() {
            try {
                long n = header("Content-Length").map(String::trim).map(Long::parseLong).orElse(-1L);
                return n < 0 ? -1 : n;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** Exactly {@code remaining} bytes; the server closing sooner is a truncated body. */
    private static final class LengthBody extends FilterInputStream {
        private final long length;
        private long remaining;

        LengthBody(InputStream in, long length) {
            super(in);
            this.length = length;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) return -1;
            int b = super.read();
            if (b < 0) throw truncated();
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (remaining == 0) return -1;
            int n = super.read(buf, off, (int) Math.min(len, remaining));
            if (n < 0) throw truncated();
            remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        private EOFException truncated() {
            return new EOFException("truncated body (" + (length - remaining) + " of " + length + " bytes)");
        }
    }

    /** The data of a chunked body; trailers are read and dropped. */
    private static final class ChunkedBody extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (left == 0 && !nextChunk()) return -1;
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n < 0) throw new EOFException("truncated body (the chunked body ended mid-chunk)");
            left -= n;
            if (left == 0) expectLineEnd();
            return n;
        }

        private boolean nextChunk() throws IOException {
            if (done) return false;
            String size = line();
            int semicolon = size.indexOf(';');
            try {
                left = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("not a chunk size: " + Printable.of(size, 40));
            }
            if (left < 0) throw new IOException("negative chunk size");
            if (left == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                done = true;
                return false;
            }
            return true;
        }

        private void expectLineEnd() throws IOException {
            if (!line().isEmpty()) throw new IOException("chunk not followed by CRLF");
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) throw new EOFException("truncated body (the chunked body ended mid-chunk)");
                if (s.length() > 1024) throw new IOException("chunk line too long");
                if (b != '\r') s.append((char) b);
            }
            return s.toString();
        }
    }

    private static int millis(long ms) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, ms));
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
