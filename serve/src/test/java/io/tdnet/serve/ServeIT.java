package io.tdnet.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.model.ArchivedDisclosure;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * {@code tdnet serve} over HTTP on the embedded stack after the demo's busy day (collected once per
 * JVM): every endpoint, a whole day paged without duplicates or gaps, the text filter and its cap, the
 * RSS feed as XML, PDF bytes against the stored sha256 and ranges, every bad input as a 400, a foreign
 * Host refused.
 */
@ExtendWith(EmbeddedAwsExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeIT {
    private static final String DAY = DemoDay.DAY.toString();
    private static final String BUSY = DemoDay.BUSY.toString();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private ExecutionSummary day;
    private DisclosureArchive archive;
    private ArchiveServer server;

    @BeforeAll
    void collectTheDayAndServe(EmbeddedAwsStack stack) throws Exception {
        day = DemoDay.ensure(stack);
        archive = DemoDay.archive(stack);
        server = ArchiveServer.start(DemoDay.sources(stack), ArchiveServer.Settings.loopback(0));
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void aWholeBusyDayPagesNewestFirstWithoutDuplicatesOrGaps() throws Exception {
        List<String> stored = archive.byDate(DemoDay.BUSY).map(a -> a.disclosure().disclosureId().value()).toList();
        assertThat(stored).hasSizeGreaterThan(2_600);

        List<String> served = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = getJson("/api/disclosures?date=" + BUSY + "&limit=250" + (cursor == null ? "" : "&cursor=" + cursor), 200);
            for (JsonNode row : page.get("disclosures")) {
                served.add(row.get("disclosure_id").asText());
                keys.add(row.get("disclosed_at").asText() + "#" + row.get("disclosure_id").asText());
            }
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < 100);

        assertThat(served).as("no duplicates").doesNotHaveDuplicates();
        assertThat(new HashSet<>(served)).as("no gaps").isEqualTo(new HashSet<>(stored));
        List<String> newestFirst = new ArrayList<>(keys);
        newestFirst.sort(java.util.Comparator.reverseOrder());
        assertThat(keys).as("newest first").isEqualTo(newestFirst);
        assertThat(pages).isBetween((stored.size() + 249) / 250, (stored.size() + 249) / 250 + 1);
    }

    @Test
    void theDefaultPageIsTheNewestHundredWithTheExportFieldsAndLinks() throws Exception {
        JsonNode page = getJson("/api/disclosures?date=" + BUSY, 200);
        assertThat(page.get("disclosures")).hasSize(DisclosureQuery.DEFAULT_LIMIT);
        assertThat(page.get("next_cursor").isNull()).isFalse();
        JsonNode first = page.get("disclosures").get(0);
        List<String> names = new ArrayList<>();
        first.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsSubsequence("disclosure_id", "disclosed_date", "disclosed_at", "company_code", "company_name",
                "title", "previous_title", "exchanges", "history", "withdrawn_at", "pdf_url", "xbrl_url", "pdf_s3_key",
                "pdf_sha256", "pdf_bytes", "links");
        String id = first.get("disclosure_id").asText();
        assertThat(first.get("links").get("pdf").asText()).isEqualTo("/pdf/" + id);
        assertThat(first.get("links").get("tdnet").asText()).isEqualTo(first.get("pdf_url").asText()).endsWith(id + ".pdf");

        JsonNode one = getJson("/api/disclosures/" + id, 200);
        assertThat(one).isEqualTo(first);
        assertThat(getJson("/api/disclosures/000000000000000000", 404).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void aCompanyPagesThroughTheCompanyIndexAndAFourCharacterCodeMeansTrailingZero() throws Exception {
        // a company of the demo day that also has disclosures on the busy day
        ArchivedDisclosure any = archive.byDate(DemoDay.DAY).filter(a -> a.disclosure().companyCode().endsWith("0")
                && archive.byCompany(a.disclosure().companyCode(), DemoDay.BUSY, DemoDay.BUSY).findAny().isPresent())
                .findFirst().orElseThrow();
        String code = any.disclosure().companyCode();
        // without a window: the company's whole history, both seeded days
        Set<String> expected = new HashSet<>(archive.byCompany(code, DemoDay.DAY, DemoDay.BUSY)
                .map(a -> a.disclosure().disclosureId().value()).toList());
        List<String> served = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = getJson("/api/disclosures?code=" + code.substring(0, 4) + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor), 200);
            page.get("disclosures").forEach(row -> {
                assertThat(row.get("company_code").asText()).isEqualTo(code);
                served.add(row.get("disclosure_id").asText());
            });
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null && served.size() < 1_000);
        assertThat(served).doesNotHaveDuplicates();
        assertThat(new HashSet<>(served)).isEqualTo(expected);
        // the same company within a one-day window
        assertThat(getJson("/api/disclosures?code=" + code + "&date=" + DAY + "&limit=1000", 200).get("count").asInt())
                .isEqualTo((int) archive.byCompany(code, DemoDay.DAY, DemoDay.DAY).count()).isLessThan(expected.size());
    }

    @Test
    void theTextFilterIsNfkcNormalisedAndStopsAtItsCap(EmbeddedAwsStack stack) throws Exception {
        // full-width letters find the half-width title (NFKC), lower case finds upper case
        JsonNode hits = getJson("/api/disclosures?date=" + DAY + "&q=" + enc("ｈｙｐｅｒｌｉｎｋ"), 200);
        assertThat(hits.get("count").asInt()).isEqualTo(1);
        assertThat(hits.get("disclosures").get(0).get("title").asText()).startsWith("=HYPERLINK(");
        assertThat(hits.get("examined").asInt()).isEqualTo((int) day.stored());
        assertThat(hits.get("next_cursor").isNull()).isTrue();

        try (ArchiveServer capped = ArchiveServer.start(DemoDay.sources(stack),
                new ArchiveServer.Settings(java.net.InetAddress.getLoopbackAddress(), 0, 300, 2))) {
            String base = capped.uri().toString();
            int busy = (int) archive.byDate(DemoDay.BUSY).count();
            JsonNode first = getJson(URI.create(base + "api/disclosures?date=" + BUSY + "&q=" + enc("no such words")), 200);
            assertThat(first.get("count").asInt()).isZero();
            assertThat(first.get("examined").asInt()).isEqualTo(300);
            assertThat(first.get("examine_cap_reached").asBoolean()).isTrue();
            int examined = first.get("examined").asInt();
            String cursor = first.get("next_cursor").asText();
            int requests = 1;
            while (cursor != null) {
                JsonNode next = getJson(URI.create(base + "api/disclosures?date=" + BUSY + "&q=" + enc("no such words") + "&cursor=" + cursor), 200);
                examined += next.get("examined").asInt();
                cursor = next.get("next_cursor").isNull() ? null : next.get("next_cursor").asText();
                requests++;
            }
            assertThat(examined).as("continuing from the cursor examines each row once").isEqualTo(busy);
            assertThat(requests).isBetween((busy + 299) / 300, (busy + 299) / 300 + 1);
        }
    }

    @Test
    void thePdfIsTheStoredBytesWithItsShaAsEtagAndRangesWork() throws Exception {
        ArchivedDisclosure doc = archive.byDate(DemoDay.DAY).findFirst().orElseThrow();
        String path = "/pdf/" + doc.disclosure().disclosureId().value();
        HttpResponse<byte[]> whole = get(path, Map.of());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(whole.headers().firstValue("ETag")).hasValue('"' + doc.pdf().sha256() + '"');
        assertThat(sha256(whole.body())).isEqualTo(doc.pdf().sha256());
        assertThat((long) whole.body().length).isEqualTo(doc.pdf().bytes());
        assertThat(new String(whole.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        HttpResponse<byte[]> head = get(path, Map.of("Range", "bytes=0-99"));
        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(head.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 0, 100));
        assertThat(head.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + doc.pdf().bytes());

        HttpResponse<byte[]> tail = get(path, Map.of("Range", "bytes=-10"));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole.body(), whole.body().length - 10, whole.body().length));

        HttpResponse<byte[]> open = get(path, Map.of("Range", "bytes=100-"));
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 100, whole.body().length));

        HttpResponse<byte[]> beyond = get(path, Map.of("Range", "bytes=" + doc.pdf().bytes() + "-"));
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + doc.pdf().bytes());

        HttpResponse<byte[]> staleIfRange = get(path, Map.of("Range", "bytes=0-9", "If-Range", "\"other\""));
        assertThat(staleIfRange.statusCode()).as("If-Range with another ETag: the whole document").isEqualTo(200);

        assertThat(get(path, Map.of("If-None-Match", '"' + doc.pdf().sha256() + '"')).statusCode()).isEqualTo(304);
        assertThat(get("/pdf/000000000000000000", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void theRssFeedIsXmlWithoutWhatXmlForbidsEvenForAHostileTitle() throws Exception {
        ArchivedDisclosure hostile = archive.byDate(DemoDay.DAY)
                .filter(a -> a.disclosure().title().startsWith("=HYPERLINK(")).findFirst().orElseThrow();
        HttpResponse<byte[]> rss = get("/rss?code=" + hostile.disclosure().companyCode(), Map.of());
        assertThat(rss.statusCode()).isEqualTo(200);
        assertThat(rss.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/rss+xml");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(rss.body()));
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("rss");
        NodeList items = xml.getElementsByTagName("item");
        assertThat(items.getLength()).isBetween(1, CompanyFeed.ITEMS);
        NodeList titles = xml.getElementsByTagName("title");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < titles.getLength(); i++) texts.add(titles.item(i).getTextContent());
        // ESC and BEL are not XML characters: dropped; the rest is the title, as text
        String stored = hostile.disclosure().title();
        assertThat(texts).contains(stored.replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]", ""));
        NodeList links = xml.getElementsByTagName("link");
        assertThat(links.item(links.getLength() - 1).getTextContent()).startsWith(server.uri().toString().replaceAll("/$", "") + "/pdf/");

        // a company's whole feed for a busy code parses too
        String busy = archive.byDate(DemoDay.DAY).findFirst().orElseThrow().disclosure().companyCode();
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(get("/rss?code=" + busy, Map.of()).body()));
    }

    @Test
    void thePageAndTheDaysStatusAreServed() throws Exception {
        HttpResponse<byte[]> page = get("/", Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'none'; script-src 'sha256-");
        assertThat(html).as("no external assets").doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("innerHTML");
        JsonNode status = getJson("/api/status?date=" + DAY, 200).get("execution");
        assertThat(status.get("status").asText()).isEqualTo("COMPLETED_WITH_FAILURES");
        assertThat(status.get("stored").asLong()).isEqualTo(day.stored());
        assertThat(status.get("failed").asLong()).isEqualTo(2);
        assertThat(getJson("/api/status?date=2026-02-14", 200).get("execution").isNull()).isTrue();
        assertThat(getJson("/nothing/here", 404).get("error").asText()).isEqualTo("not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/disclosures",
            "/api/disclosures?date=2026-02-30",
            "/api/disclosures?date=2026-13-01",
            "/api/disclosures?date=20260213",
            "/api/disclosures?date=",
            "/api/disclosures?from=2025-01-01&to=2026-01-02",
            "/api/disclosures?from=2026-02-13&to=2026-02-12",
            "/api/disclosures?from=2026-02-13",
            "/api/disclosures?date=2026-02-13&from=2026-02-13&to=2026-02-13",
            "/api/disclosures?date=2026-02-13&color=red",
            "/api/disclosures?date=2026-02-13&date=2026-02-12",
            "/api/disclosures?q=tanshin",
            "/api/disclosures?date=2026-02-13&q=%20%20",
            "/api/disclosures?date=2026-02-13&limit=0",
            "/api/disclosures?date=2026-02-13&limit=1001",
            "/api/disclosures?date=2026-02-13&limit=ten",
            "/api/disclosures?date=2026-02-13&cursor=not-a-cursor",
            "/api/disclosures?date=2026-02-13&cursor=YzF8eHx5",
            "/api/disclosures?code=7203x",
            "/api/disclosures?code=abc0",
            "/api/disclosures?code=%E3%83%88%E3%83%A8%E3%82%BF",
            "/api/disclosures/123",
            "/api/disclosures/12345678901234567a",
            "/api/disclosures/1234567890123456789",
            "/api/disclosures/123456789012345678?x=1",
            "/api/status",
            "/api/status?date=2026-02-31",
            "/pdf/..%2F..%2Fetc%2Fpasswd",
            "/pdf/12345678901234567",
            "/rss",
            "/rss?code=TOYOTA",
            "/?unknown=1"})
    void badInputIsA400WithAJsonMessage(String path) throws Exception {
        JsonNode body = getJson(path, 400);
        assertThat(body.get("error").asText()).isEqualTo("bad_request");
        assertThat(body.get("message").asText()).isNotBlank();
    }

    @Test
    void anOversizedQAndACursorOfAnotherQueryAreRefused() throws Exception {
        assertThat(getJson("/api/disclosures?date=" + DAY + "&q=" + "a".repeat(DisclosureQuery.MAX_Q + 1), 400)
                .get("message").asText()).contains("longer than");
        String cursor = getJson("/api/disclosures?date=" + DAY + "&limit=5", 200).get("next_cursor").asText();
        assertThat(getJson("/api/disclosures?date=" + DAY + "&limit=5&cursor=" + cursor, 200).get("count").asInt()).isEqualTo(5);
        assertThat(getJson("/api/disclosures?date=" + DAY + "&q=x&cursor=" + cursor, 400).get("message").asText()).contains("cursor");
        assertThat(getJson("/api/disclosures?date=2026-02-12&cursor=" + cursor, 400).get("message").asText()).contains("cursor");
    }

    @Test
    void aRequestForAnotherHostIsRefusedAndOnlyGetIsAnswered() throws Exception {
        int port = server.uri().getPort();
        assertThat(rawStatus("GET /api/disclosures?date=" + DAY + " HTTP/1.1", "Host: rebound.example:" + port)).isEqualTo(403);
        assertThat(rawStatus("GET / HTTP/1.1", "Host: 127.0.0.1.rebound.example:" + port)).isEqualTo(403);
        assertThat(rawStatus("GET / HTTP/1.1", "Host: 127.0.0.1:" + (port + 1))).isEqualTo(403);
        assertThat(rawStatus("GET / HTTP/1.0")).as("no Host at all").isEqualTo(403);
        assertThat(rawStatus("GET / HTTP/1.1", "Host: localhost:" + port)).isEqualTo(200);
        assertThat(rawStatus("GET / HTTP/1.1", "Host: 127.0.0.1:" + port)).isEqualTo(200);
        assertThat(rawStatus("GET /api/disclosures?date=" + DAY + "&q=%zz HTTP/1.1", "Host: 127.0.0.1:" + port))
                .as("malformed percent-encoding").isEqualTo(400);
        HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/disclosures?date=" + DAY))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    private int rawStatus(String requestLine, String... headers) throws Exception {
        try (Socket socket = new Socket(server.uri().getHost(), server.uri().getPort())) {
            StringBuilder request = new StringBuilder(requestLine).append("\r\n");
            for (String h : headers) request.append(h).append("\r\n");
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Integer.parseInt(response.substring(9, 12));
        }
    }

    private JsonNode getJson(String path, int status) throws Exception {
        return getJson(server.uri().resolve(path), status);
    }

    private JsonNode getJson(URI uri, int status) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(uri + " → " + new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return json.readTree(response.body());
    }

    private HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
