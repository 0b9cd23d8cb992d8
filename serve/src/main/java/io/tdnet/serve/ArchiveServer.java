package io.tdnet.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.model.ArchivedDisclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.IsoTime;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.http.NoDelayHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code tdnet serve}: the archive over HTTP, read-only, on the JDK's HTTP server — the JSON API
 * ({@code /api/disclosures}, {@code /api/disclosures/{id}}, {@code /api/status}), the stored PDFs
 * ({@code /pdf/{id}}, ETag and Range), an RSS feed per company ({@code /rss}) and one search page
 * ({@code /}). Only GET is answered; nothing it does writes to the archive.
 *
 * <p>Requests whose {@code Host} is not the bound address are refused (403) before anything is read: a
 * page on another site whose name an attacker re-points at 127.0.0.1 (DNS rebinding) sends its own
 * name as Host, so it cannot read the archive through the browser.
 *
 * <p>Over 300 lines because it is the routing and every endpoint's HTTP surface (status codes, headers,
 * encodings) in one place; the query rules, cursor, ranges and feed live in their own classes.
 */
public final class ArchiveServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ArchiveServer.class);
    private static final String JSON = "application/json; charset=utf-8";

    /** What the server reads: the archive's tables and the bucket of its PDFs. */
    public record Archive(DisclosureArchive disclosures, ExecutionQueries executions, S3Client s3, String bucket) {}

    /**
     * @param bind        the address to listen on (loopback by default in the CLI)
     * @param port        0 for any free port
     * @param examineCap  rows a text search may examine per request ({@link DisclosureSearch})
     * @param threads     request threads
     */
    public record Settings(InetAddress bind, int port, int examineCap, int threads) {
        public Settings {
            if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be 0–65535 (got " + port + ")");
            if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1");
        }

        public static Settings loopback(int port) {
            return new Settings(InetAddress.getLoopbackAddress(), port, DisclosureSearch.DEFAULT_EXAMINE_CAP, 8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Archive archive;
    private final DisclosureSearch search;
    private final SearchPage page;
    private final Set<String> allowedHosts;
    private final ObjectMapper json = new JsonCodec().mapper();

    private ArchiveServer(HttpServer server, ExecutorService executor, Archive archive, Settings settings) {
        this.server = server;
        this.executor = executor;
        this.archive = archive;
        this.search = new DisclosureSearch(archive.disclosures(), settings.examineCap());
        this.page = SearchPage.load();
        this.allowedHosts = allowedHosts(settings.bind(), server.getAddress().getPort());
    }

    /** Binds and starts serving; {@link #close} stops. */
    public static ArchiveServer start(Archive archive, Settings settings) {
        HttpServer server;
        try {
            server = NoDelayHttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.bind().getHostAddress() + ":" + settings.port(), e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "serve-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ArchiveServer archiveServer = new ArchiveServer(server, executor, archive, settings);
        server.createContext("/", archiveServer::handle);
        server.setExecutor(executor);
        server.start();
        return archiveServer;
    }

    /** The address to open, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + hostLiteral(address.getAddress()) + ":" + address.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The Host values this server answers: the bound address, and {@code localhost} too on loopback. */
    static Set<String> allowedHosts(InetAddress bind, int port) {
        Set<String> hosts = new HashSet<>();
        hosts.add((hostLiteral(bind) + ":" + port).toLowerCase(Locale.ROOT));
        if (bind.isLoopbackAddress()) {
            hosts.add("localhost:" + port);
            hosts.add("127.0.0.1:" + port);
            hosts.add("[::1]:" + port);
        }
        return Set.copyOf(hosts);
    }

    private static String hostLiteral(InetAddress address) {
        return address instanceof Inet6Address ? "[" + address.getHostAddress().replaceAll("%.*$", "") + "]" : address.getHostAddress();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            try {
                route(exchange);
            } catch (BadRequestException e) {
                error(exchange, 400, "bad_request", e.getMessage());
            } catch (ByteRange.UnsatisfiableException e) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + exchange.getAttribute("size"));
                error(exchange, 416, "range_not_satisfiable", e.getMessage());
            } catch (ClientGone e) {
                log.debug("client went away: {}", e.getMessage());
            } catch (RuntimeException e) {
                log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
                error(exchange, 500, "internal_error", "the server could not answer; see its log");
            }
        } catch (IOException | UncheckedIOException e) {
            log.debug("client went away: {}", e.getMessage());
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            error(exchange, 403, "wrong_host", "this server answers only requests addressed to " + uri().getAuthority()
                    + " (Host header checked against DNS rebinding)");
            return;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            error(exchange, 405, "method_not_allowed", "read-only: only GET is answered");
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        if (path.equals("/")) {
            QueryParameters.parse(query, Set.of("date", "code", "q"));
            page.send(exchange);
        } else if (path.equals("/api/disclosures")) {
            disclosures(exchange, DisclosureQuery.parse(QueryParameters.parse(query, DisclosureQuery.PARAMETERS)));
        } else if (path.startsWith("/api/disclosures/")) {
            QueryParameters.parse(query, Set.of());
            one(exchange, id(path.substring("/api/disclosures/".length())));
        } else if (path.equals("/api/status")) {
            QueryParameters parameters = QueryParameters.parse(query, Set.of("date"));
            status(exchange, DisclosureQuery.date("date", parameters.get("date")
                    .orElseThrow(() -> new BadRequestException("date= is required"))));
        } else if (path.startsWith("/pdf/")) {
            QueryParameters.parse(query, Set.of());
            pdf(exchange, id(path.substring("/pdf/".length())));
        } else if (path.equals("/rss")) {
            QueryParameters parameters = QueryParameters.parse(query, Set.of("code"));
            rss(exchange, DisclosureQuery.code(parameters.get("code").orElseThrow(() -> new BadRequestException("code= is required"))), host);
        } else {
            error(exchange, 404, "not_found", "no such page; see / for the search page and /api/disclosures for the API");
        }
    }

    private static DisclosureId id(String raw) {
        if (!DisclosureId.isValid(raw)) throw new BadRequestException("a disclosure id is exactly 18 digits");
        return new DisclosureId(raw);
    }

    private void disclosures(HttpExchange exchange, DisclosureQuery query) throws IOException {
        DisclosureSearch.Result result = search.search(query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("disclosures", result.rows().stream().map(DisclosureJson::of).toList());
        body.put("count", result.rows().size());
        body.put("next_cursor", result.nextCursor());
        body.put("examined", result.examined());
        if (query.q() != null) {
            body.put("examine_cap", search.examineCap());
            body.put("examine_cap_reached", result.capReached());
        }
        sendJson(exchange, 200, body);
    }

    private void one(HttpExchange exchange, DisclosureId id) throws IOException {
        Optional<ArchivedDisclosure> found = archive.disclosures().get(id);
        if (found.isEmpty()) {
            error(exchange, 404, "not_found", "disclosure " + id + " is not in the archive");
            return;
        }
        sendJson(exchange, 200, DisclosureJson.of(found.get()));
    }

    private void status(HttpExchange exchange, LocalDate date) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", date.toString());
        body.put("execution", archive.executions().latestFor(date).map(ArchiveServer::summary).orElse(null));
        sendJson(exchange, 200, body);
    }

    private static Map<String, Object> summary(ExecutionSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("execution_id", s.executionId());
        m.put("status", s.status().name());
        m.put("settled", s.status().isSettled());
        m.put("reason", s.reason());
        m.put("banner_total", s.bannerTotal());
        m.put("listed", s.listed());
        m.put("withdrawn", s.withdrawn());
        m.put("stored", s.stored());
        m.put("already_present", s.alreadyPresent());
        m.put("in_flight", s.inFlight());
        m.put("failed", s.failed());
        m.put("started_at", IsoTime.format(s.startedAt()));
        m.put("finished_at", IsoTime.format(s.finishedAt()));
        return m;
    }

    private void pdf(HttpExchange exchange, DisclosureId id) throws IOException {
        Optional<ArchivedDisclosure> found = archive.disclosures().get(id);
        if (found.isEmpty()) {
            error(exchange, 404, "not_found", "disclosure " + id + " is not in the archive");
            return;
        }
        var stored = found.get().pdf();
        String etag = '"' + stored.sha256() + '"';
        Headers headers = exchange.getRequestHeaders();
        Headers out = exchange.getResponseHeaders();
        out.set("ETag", etag);
        out.set("Accept-Ranges", "bytes");
        out.set("Cache-Control", "private, max-age=86400"); // a stored document never changes
        if (etag.equals(headers.getFirst("If-None-Match"))) {
            securityHeaders(out);
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        String ifRange = headers.getFirst("If-Range");
        exchange.setAttribute("size", stored.bytes());
        Optional<ByteRange> range = ifRange == null || ifRange.equals(etag)
                ? ByteRange.parse(headers.getFirst("Range"), stored.bytes()) : Optional.empty();
        GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(archive.bucket()).key(stored.s3Key());
        range.ifPresent(r -> get.range(r.s3Range()));
        ResponseInputStream<GetObjectResponse> body;
        try {
            body = archive.s3().getObject(get.build());
        } catch (NoSuchKeyException e) {
            error(exchange, 404, "not_found", "the PDF of " + id + " is not stored");
            return;
        }
        try (body) {
            out.set("Content-Type", "application/pdf");
            out.set("Content-Disposition", "inline; filename=\"" + id + ".pdf\"");
            securityHeaders(out);
            long length = range.map(ByteRange::length).orElse(stored.bytes());
            if (range.isPresent()) out.set("Content-Range", range.get().contentRange(stored.bytes()));
            exchange.sendResponseHeaders(range.isPresent() ? 206 : 200, length == 0 ? -1 : length);
            try (OutputStream stream = exchange.getResponseBody()) {
                copy(body, stream);
            }
        }
    }

    private static void copy(InputStream in, OutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    private void rss(HttpExchange exchange, String code, String host) throws IOException {
        List<ArchivedDisclosure> newest = archive.disclosures().newestOfCompany(code, null, null, null, CompanyFeed.ITEMS).rows();
        byte[] xml = CompanyFeed.render("http://" + host, code, newest).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
        send(exchange, 200, xml);
    }

    private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", JSON);
        send(exchange, status, json.writeValueAsBytes(body));
    }

    private void error(HttpExchange exchange, int status, String error, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        sendJson(exchange, status, body);
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        Headers out = exchange.getResponseHeaders();
        securityHeaders(out);
        out.set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(body);
        }
    }

    private static void securityHeaders(Headers out) {
        out.set("X-Content-Type-Options", "nosniff");
        out.set("Referrer-Policy", "no-referrer");
        out.set("X-Frame-Options", "DENY");
    }

    /** The client closed the connection while a body was being sent. */
    private static final class ClientGone extends RuntimeException {
        ClientGone(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
