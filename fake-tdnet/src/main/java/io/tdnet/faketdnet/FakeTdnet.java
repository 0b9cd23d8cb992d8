package io.tdnet.faketdnet;

import io.tdnet.model.DisclosureId;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake TDnet ({@code www.release.tdnet.info/inbs/}) on loopback: realistic list pages, deterministic
 * PDFs, injectable faults, and a record of every request. A small HTTP/1.1 server over plain sockets
 * (one response per connection, {@code Connection: close}), so faults can cut, stall, truncate or reset
 * a connection exactly. Each connection gets its own thread: a stalled answer never blocks another.
 *
 * <p>Over 300 lines because it is the whole server — socket loop, routing, fault injection, request log
 * — and a fault has to act at an exact point of the exchange (before the head, mid-body), which a split
 * into layers would hide behind interfaces.
 */
public final class FakeTdnet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FakeTdnet.class);
    /** The base path, as on the real site. */
    public static final String BASE_PATH = "/inbs/";
    private static final Pattern LIST_PAGE = Pattern.compile("I_list_(\\d{3})_(\\d{8})\\.html");
    private static final Pattern PDF = Pattern.compile("(\\d{18})\\.pdf");
    private static final Pattern XBRL = Pattern.compile("\\d{18}\\.zip");
    private static final int MAX_HEAD = 32 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final ServerSocket serverSocket;
    private final ExecutorService connections;
    private final Thread acceptor;
    private final String baseUrl;
    private final DocumentStore store = new DocumentStore();
    private final Map<LocalDate, FakeDay> days = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<DisclosureId, Armed<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<PageKey, Armed<PageFault>> pageFaults = new ConcurrentHashMap<>();
    private final Map<String, Armed<XbrlZip.Fault>> xbrlFaults = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private record PageKey(LocalDate date, int page) {}

    /** A fault and how many more requests it answers. */
    private record Armed<F>(F fault, AtomicInteger remaining) {
        boolean fire() {
            return remaining.getAndUpdate(r -> r > 0 ? r - 1 : 0) > 0;
        }
    }

    private FakeTdnet(InetAddress bind, int port) throws IOException {
        serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(bind, port), 256);
        String host = bind.getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        baseUrl = "http://" + host + ":" + serverSocket.getLocalPort() + BASE_PATH;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "fake-tdnet-" + serverSocket.getLocalPort() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        connections = Executors.newCachedThreadPool(threads);
        acceptor = threads.newThread(this::acceptLoop);
        acceptor.start();
    }

    /** Starts on 127.0.0.1, on a free port. */
    public static FakeTdnet start() {
        return start(InetAddress.getLoopbackAddress());
    }

    /** Starts on {@code bind} (e.g. 127.0.0.2 for an "other host" that must see no request), on a free port. */
    public static FakeTdnet start(InetAddress bind) {
        return start(bind, 0);
    }

    /** Starts on {@code bind} and {@code port} (0 = a free port). */
    public static FakeTdnet start(InetAddress bind, int port) {
        try {
            FakeTdnet fake = new FakeTdnet(bind, port);
            log.debug("fake TDnet listening on {}", fake.baseUrl);
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake TDnet on " + bind + ":" + port, e);
        }
    }

    /** {@code http://127.0.0.1:PORT/inbs/}. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** {@code baseUrl().resolve(relative)}, e.g. {@code uri("I_list_001_20260213.html")}. */
    public URI uri(String relative) {
        return URI.create(baseUrl).resolve(relative);
    }

    /** The URL of a day's list page. */
    public URI listPageUri(LocalDate date, int page) {
        return uri(ListPageRenderer.fileName(date, page));
    }

    /** The URL of a document. */
    public URI pdfUri(DisclosureId id) {
        return uri(id.value() + ".pdf");
    }

    /** Adds (or replaces) a day of {@code disclosures} rows generated from {@code seed}; same seed, same day. */
    public FakeDay addDay(LocalDate date, int disclosures, long seed) {
        FakeDay day = new FakeDay(date, disclosures, seed, store);
        days.put(date, day);
        return day;
    }

    /** Adds a day without disclosures: page 1 answers 200 with the empty-day page. */
    public FakeDay addEmptyDay(LocalDate date) {
        return addDay(date, 0, date.toEpochDay());
    }

    /** The day added for {@code date}. */
    public FakeDay day(LocalDate date) {
        FakeDay day = days.get(date);
        if (day == null) throw new IllegalArgumentException("no day added for " + date);
        return day;
    }

    /** Every request so far, in arrival order (a copy). */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Injects a fault for the document {@code id}; replaces an earlier fault of that document. */
    public void fault(DisclosureId id, Fault fault) {
        store.require(id);
        faults.put(id, new Armed<>(Objects.requireNonNull(fault), new AtomicInteger(fault.times())));
    }

    /** Injects a fault for one list page; replaces an earlier fault of that page. */
    public void pageFault(LocalDate date, int page, PageFault fault) {
        pageFaults.put(new PageKey(date, page), new Armed<>(Objects.requireNonNull(fault), new AtomicInteger(fault.times())));
    }

    /** Removes every fault. */
    public void healAll() {
        faults.clear();
        pageFaults.clear();
        xbrlFaults.clear();
    }

    /** Injects a fault for the XBRL zip {@code fileName} ({@code 0812…zip}); replaces an earlier one. */
    public void xbrlFault(String fileName, XbrlZip.Fault fault) {
        xbrlFaults.put(fileName, new Armed<>(Objects.requireNonNull(fault), new AtomicInteger(fault.times())));
    }

    /** Serves that document with exactly {@code bytes} bytes from now on (generated while streaming). */
    public void setPdfSize(DisclosureId id, long bytes) {
        store.setSize(id, bytes);
    }

    /** The exact bytes a healthy request for that document gets (for small documents). */
    public byte[] pdfBytes(DisclosureId id) {
        DocumentStore.Document d = store.require(id);
        return PdfBody.bytes(d.seed(), id.value(), d.size());
    }

    /** Lower-case hex SHA-256 of the healthy body, computed by streaming (fine for 600 MB). */
    public String pdfSha256(DisclosureId id) {
        DocumentStore.Document d = store.require(id);
        return PdfBody.sha256(d.seed(), id.value(), d.size());
    }

    public long pdfLength(DisclosureId id) {
        return store.require(id).size();
    }

    /** Stops listening and cuts every open connection. */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) closeQuietly(s);
        connections.shutdownNow();
        try {
            acceptor.join(5_000);
            connections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- serving

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                open.add(socket);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) log.warn("accept failed", e);
            } catch (RuntimeException e) {
                if (!closed) log.warn("cannot dispatch a connection", e);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            RecordedRequest request = readRequest(socket);
            if (request == null) return;
            requests.add(request);
            Response out = new Response(socket, request.method().equals("HEAD"));
            route(request, out);
            out.finish();
        } catch (IOException e) {
            log.debug("connection ended: {}", e.toString());
        } catch (RuntimeException e) {
            log.warn("fake TDnet failed to answer", e);
        } finally {
            open.remove(socket);
        }
    }

    private RecordedRequest readRequest(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        int matched = 0;
        long nano = 0;
        Instant at = null;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) return null;
            if (at == null) {
                // the arrival is the first byte, not the end of the head (read a byte per call): the fewer
                // steps between the packet and the stamp, the less a busy machine delays the stamp (measured:
                // 3 arrivals stamped within 1 s whose packets were 1,006 ms apart on the wire, tcpdump -i lo)
                nano = System.nanoTime();
                at = Instant.now();
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1
                    : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD) return null;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length < 2) return null;
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) continue;
            String name = lines[i].substring(0, colon).trim();
            String value = lines[i].substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        String target = requestLine[1];
        if (target.startsWith("http://") || target.startsWith("https://")) {
            URI u = URI.create(target);
            target = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        }
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        return new RecordedRequest(nano, at, requestLine[0], target, Collections.unmodifiableMap(headers),
                remote.getAddress().getHostAddress() + ":" + remote.getPort());
    }

    private void route(RecordedRequest request, Response out) throws IOException {
        String path = request.path();
        int q = path.indexOf('?');
        if (q >= 0) path = path.substring(0, q);
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            out.html(405, ListPageRenderer.errorPage(405, "Method Not Allowed"));
            return;
        }
        if (!path.startsWith(BASE_PATH)) {
            notFound(out);
            return;
        }
        String name = path.substring(BASE_PATH.length());
        Matcher list = LIST_PAGE.matcher(name);
        Matcher pdf = PDF.matcher(name);
        if (list.matches()) {
            servePage(list, out);
        } else if (pdf.matches()) {
            servePdf(DisclosureId.of(pdf.group(1)), out);
        } else if (XBRL.matcher(name).matches()) {
            serveXbrl(name, out);
        } else if (name.equals("I_main_00.html")) {
            List<LocalDate> dates = new ArrayList<>(days.keySet());
            dates.sort(Comparator.reverseOrder());
            out.html(200, ListPageRenderer.mainPage(dates));
        } else {
            notFound(out);
        }
    }

    private void servePage(Matcher m, Response out) throws IOException {
        int page = Integer.parseInt(m.group(1));
        LocalDate date;
        try {
            date = LocalDate.parse(m.group(2), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            notFound(out);
            return;
        }
        FakeDay day = days.get(date);
        if (day == null || page < 1) {
            notFound(out);
            return;
        }
        List<FakeRow> rows = day.rowsForRequestOf(page);
        Armed<PageFault> armed = pageFaults.get(new PageKey(date, page));
        if (armed != null && armed.fire()) {
            PageFault f = armed.fault();
            if (f instanceof PageFault.Maintenance) {
                out.html(200, ListPageRenderer.maintenancePage());
            } else if (f instanceof PageFault.NotFound) {
                notFound(out);
            } else {
                out.html(500, ListPageRenderer.errorPage(500, "Internal Server Error"));
            }
            return;
        }
        int pages = (rows.size() + io.tdnet.model.Tdnet.ROWS_PER_PAGE - 1) / io.tdnet.model.Tdnet.ROWS_PER_PAGE;
        if (rows.isEmpty() && page == 1) {
            out.html(200, ListPageRenderer.emptyDayPage(date));
        } else if (page > pages) {
            notFound(out);
        } else {
            out.html(200, ListPageRenderer.listPage(date, rows, page));
        }
    }

    private void servePdf(DisclosureId id, Response out) throws IOException {
        DocumentStore.Document doc = store.get(id);
        if (doc == null || doc.withdrawn()) {
            notFound(out);
            return;
        }
        Armed<Fault> armed = faults.get(id);
        Fault fault = armed != null && armed.fire() ? armed.fault() : null;
        if (fault == null) {
            out.stream(200, "application/pdf", PdfBody.open(doc.seed(), id.value(), doc.size()), doc.size(), true);
            return;
        }
        if (fault instanceof Fault.Status s) {
            out.html(s.code(), ListPageRenderer.errorPage(s.code(), reason(s.code())));
        } else if (fault instanceof Fault.TooManyRequests t) {
            long seconds = (t.retryAfter().toMillis() + 999) / 1000;
            out.header("Retry-After", String.valueOf(seconds));
            out.html(429, ListPageRenderer.errorPage(429, "Too Many Requests"));
        } else if (fault instanceof Fault.ResetMidBody) {
            out.cut(PdfBody.open(doc.seed(), id.value(), doc.size()), doc.size(), true);
        } else if (fault instanceof Fault.Truncated) {
            out.cut(PdfBody.open(doc.seed(), id.value(), doc.size()), doc.size(), false);
        } else if (fault instanceof Fault.Stall s) {
            sleep(s.duration().toMillis());
            out.stream(200, "application/pdf", PdfBody.open(doc.seed(), id.value(), doc.size()), doc.size(), true);
        } else if (fault instanceof Fault.Html200) {
            out.html(200, ListPageRenderer.errorPage(200, "ご指定のページは見つかりませんでした。"));
        } else if (fault instanceof Fault.Oversized o) {
            out.stream(200, "application/pdf", PdfBody.open(doc.seed(), id.value(), o.bytes()), o.bytes(), o.declareLength());
        } else if (fault instanceof Fault.Redirect r) {
            out.header("Location", r.location().toString());
            out.bytes(302, "text/html", new byte[0]);
        } else if (fault instanceof Fault.Chunked) {
            out.stream(200, "application/pdf", PdfBody.open(doc.seed(), id.value(), doc.size()), doc.size(), false);
        } else {
            throw new IllegalStateException("unhandled fault " + fault);
        }
    }

    /** Any {@code <18 digits>.zip} is a zip (the rows decide which are linked); faults per file name. */
    private void serveXbrl(String name, Response out) throws IOException {
        Armed<XbrlZip.Fault> armed = xbrlFaults.get(name);
        XbrlZip.Fault fault = armed != null && armed.fire() ? armed.fault() : null;
        if (fault == null) {
            out.bytes(200, "application/zip", XbrlZip.bytes(name));
            return;
        }
        switch (fault.kind()) {
            case TRUNCATED -> out.bytes(200, "application/zip", XbrlZip.truncated(name));
            case HTML -> out.html(200, ListPageRenderer.errorPage(200, "ご指定のページは見つかりませんでした。"));
            case OVERSIZE -> out.bytes(200, "application/zip", XbrlZip.oversize());
            case NOT_FOUND -> notFound(out);
            case UNAVAILABLE -> out.html(503, ListPageRenderer.errorPage(503, reason(503)));
        }
    }

    private static void notFound(Response out) throws IOException {
        out.html(404, ListPageRenderer.errorPage(404, "Not Found"));
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stalling", e);
        }
    }

    private static String reason(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 302 -> "Found";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 410 -> "Gone";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + code;
        };
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Writes one HTTP/1.1 response on a socket, then the connection is closed. */
    private static final class Response {
        private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
        private final Socket socket;
        private final OutputStream out;
        private final boolean head;
        private final List<String> extra = new ArrayList<>();

        Response(Socket socket, boolean head) throws IOException {
            this.socket = socket;
            this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
            this.head = head;
        }

        void header(String name, String value) {
            extra.add(name + ": " + value);
        }

        /** HTML as TDnet sends it: UTF-8 bytes, Content-Type without charset. */
        void html(int status, String body) throws IOException {
            bytes(status, "text/html", body.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(int status, String contentType, byte[] body) throws IOException {
            statusLine(status, contentType, "Content-Length: " + body.length);
            if (!head) out.write(body);
        }

        void stream(int status, String contentType, InputStream body, long length, boolean declareLength) throws IOException {
            try (body) {
                if (declareLength) {
                    statusLine(status, contentType, "Content-Length: " + length);
                    if (!head) body.transferTo(out);
                } else {
                    statusLine(status, contentType, "Transfer-Encoding: chunked");
                    if (head) return;
                    byte[] buf = new byte[BUFFER];
                    for (int n; (n = body.read(buf)) > 0; ) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(buf, 0, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
        }

        /** Declares the full length, sends half the body (at most 32 KiB), then resets or closes. */
        void cut(InputStream body, long length, boolean reset) throws IOException {
            try (body) {
                statusLine(200, "application/pdf", "Content-Length: " + length);
                byte[] part = body.readNBytes((int) Math.min(length / 2, 32 * 1024));
                out.write(part);
                out.flush();
                if (reset) {
                    // give the client time to read what was sent, then abort: SO_LINGER 0 makes close() send RST
                    sleep(50);
                    socket.setSoLinger(true, 0);
                    socket.close();
                } else {
                    socket.shutdownOutput();
                }
            } catch (SocketException e) {
                // the client gave up first: nothing left to cut
            }
        }

        private void statusLine(int status, String contentType, String lengthHeader) throws IOException {
            StringBuilder h = new StringBuilder(256);
            h.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
                    .append("Date: ").append(HTTP_DATE.format(Instant.now())).append("\r\n")
                    .append("Server: Apache\r\n")
                    .append("Content-Type: ").append(contentType).append("\r\n")
                    .append(lengthHeader).append("\r\n")
                    .append("Connection: close\r\n");
            for (String e : extra) h.append(e).append("\r\n");
            h.append("\r\n");
            out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        }

        void finish() throws IOException {
            if (socket.isClosed() || socket.isOutputShutdown()) return;
            out.flush();
            socket.shutdownOutput();
        }
    }
}
