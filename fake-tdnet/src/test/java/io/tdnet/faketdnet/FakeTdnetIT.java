package io.tdnet.faketdnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.DisclosureId;
import io.tdnet.model.TdnetOrigin;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server end to end, read with the JDK HTTP client and the selectors docs/ARCHITECTURE.md (TDnet list pages) gives the lister. */
class FakeTdnetIT {
    private static final LocalDate BUSY = LocalDate.of(2026, 2, 13);
    private static final LocalDate EMPTY = LocalDate.of(2026, 2, 14);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private FakeTdnet fake;
    private TdnetOrigin origin;

    @BeforeEach
    void start() {
        fake = FakeTdnet.start();
        origin = TdnetOrigin.of(fake.baseUrl());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<byte[]> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("User-Agent", "fake-tdnet-it").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private Document page(LocalDate date, int page) throws Exception {
        HttpResponse<byte[]> r = get(origin.listPage(date, page));
        assertThat(r.statusCode()).isEqualTo(200);
        return Jsoup.parse(new String(r.body(), StandardCharsets.UTF_8), origin.baseUrl());
    }

    @Test
    void busyDayReadsAsTheFormatNoteSays() throws Exception {
        long t0 = System.nanoTime();
        FakeDay day = fake.addDay(BUSY, 2694, 42);
        long generated = System.nanoTime();

        HttpResponse<byte[]> first = get(origin.listPage(BUSY, 1));
        long served = System.nanoTime();
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(first.headers().firstValueAsLong("Content-Length")).hasValue(first.body().length);
        Document doc = Jsoup.parse(new String(first.body(), StandardCharsets.UTF_8), origin.baseUrl());

        assertThat(doc.select("div.kaijiSum")).hasSize(2)
                .allSatisfy(e -> assertThat(e.text()).isEqualTo("1～100件 / 全2694件"));
        assertThat(doc.selectFirst("#kaiji-date-1").text()).isEqualTo("2026年02月13日");
        assertThat(doc.select("table#main-list-table tr")).hasSize(100);
        assertThat(doc.select("table#main-list-table > tr")).isEmpty();
        assertThat(doc.select("#list-head td").eachText()).contains("時刻", "コード", "表題", "更新履歴");
        assertThat(doc.select("#pager-box-top .pagerTd div").eachText()).contains("..").hasSizeLessThanOrEqualTo(12);

        List<FakeRow> truth = day.page(1);
        List<Element> trs = doc.select("table#main-list-table tr");
        for (int i = 0; i < trs.size(); i++) {
            Element tr = trs.get(i);
            FakeRow row = truth.get(i);
            assertThat(tr.selectFirst("td.kjTime").text()).isEqualTo(String.format("%02d:%02d", row.time().getHour(), row.time().getMinute()));
            assertThat(tr.selectFirst("td.kjCode").text()).isEqualTo(row.code());
            assertThat(tr.selectFirst("td.kjName").wholeText()).startsWith(row.name() + " ");
            assertThat(tr.selectFirst("td.kjName").text().strip()).isEqualTo(row.name());
            assertThat(tr.selectFirst("td.kjPlace").text().strip()).isEqualTo(row.exchanges());
            assertThat(tr.selectFirst("td.kjHistroy").text().strip()).isEqualTo(row.history());
            Element a = tr.selectFirst("td.kjTitle a");
            if (row.kind() == RowKind.DELETED) {
                assertThat(a).isNull();
                assertThat(tr.selectFirst("td.kjTitle").text()).isEqualTo(row.title());
            } else {
                assertThat(a.attr("href")).isEqualTo(row.href());
                assertThat(a.text()).isEqualTo(row.title());
                assertThat(origin.contains(URI.create(a.absUrl("href")))).isTrue();
            }
            Element s = tr.selectFirst("td.kjTitle s");
            assertThat(s == null ? null : s.text()).isEqualTo(row.previousTitle());
            Element xbrl = tr.selectFirst("td.kjXbrl a");
            assertThat(xbrl == null ? null : xbrl.attr("href")).isEqualTo(row.xbrl());
        }

        Document last = page(BUSY, 27);
        assertThat(last.select("table#main-list-table tr")).hasSize(94);
        assertThat(last.select("div.kaijiSum").first().text()).isEqualTo("2601～2694件 / 全2694件");
        assertThat(get(origin.listPage(BUSY, 28)).statusCode()).isEqualTo(404);
        System.out.printf("addDay(2694) %d ms; page 1 over HTTP %d ms (%d bytes)%n",
                (generated - t0) / 1_000_000, (served - generated) / 1_000_000, first.body().length);
    }

    @Test
    void emptyUnknownDaysUnknownPathsAndTheDayList() throws Exception {
        fake.addEmptyDay(EMPTY);
        fake.addDay(BUSY, 5, 1);

        Document empty = page(EMPTY, 1);
        assertThat(empty.select("div.kaijiSum")).isEmpty();
        assertThat(empty.select("table#main-list-table")).isEmpty();
        assertThat(empty.selectFirst("#kaiji-text-1").text()).isEqualTo("に開示された情報はありません。");
        assertThat(get(origin.listPage(EMPTY, 2)).statusCode()).isEqualTo(404);
        assertThat(get(origin.listPage(LocalDate.of(2026, 1, 1), 1)).statusCode()).isEqualTo(404);
        assertThat(get(fake.uri("I_list_001_20261399.html")).statusCode()).isEqualTo(404);
        assertThat(get(fake.uri("nothing.html")).statusCode()).isEqualTo(404);
        assertThat(get(fake.uri("/other/I_list_001_20260213.html")).statusCode()).isEqualTo(404);
        assertThat(get(fake.uri("999920260213000001.pdf")).statusCode()).isEqualTo(404);

        Document main = Jsoup.parse(new String(get(fake.uri("I_main_00.html")).body(), StandardCharsets.UTF_8));
        assertThat(main.select("select[name=daylist] option").eachAttr("value"))
                .containsExactly("I_list_001_20260214.html", "I_list_001_20260213.html");
    }

    @Test
    void pdfsAreServedExactlyAndEveryRequestIsRecorded() throws Exception {
        FakeDay day = fake.addDay(BUSY, 30, 11);
        DisclosureId id = day.ids().get(3);

        HttpResponse<byte[]> pdf = get(origin.pdf(id));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().firstValueAsLong("Content-Length")).hasValue(fake.pdfLength(id));
        assertThat(pdf.body()).isEqualTo(fake.pdfBytes(id));
        assertThat(fake.pdfLength(id)).isBetween(3_000L, 60_000L);

        List<RecordedRequest> requests = fake.requests();
        assertThat(requests).hasSize(1);
        RecordedRequest r = requests.get(0);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/inbs/" + id + ".pdf");
        assertThat(r.header("user-agent")).isEqualTo("fake-tdnet-it");
        assertThat(r.remote()).startsWith("127.0.0.1:");
        assertThat(r.isPdf()).isTrue();

        get(origin.listPage(BUSY, 1));
        assertThat(fake.requests()).hasSize(2);
        assertThat(fake.requests().get(1).nanoTime()).isGreaterThan(r.nanoTime());
        fake.clearRequests();
        assertThat(fake.requests()).isEmpty();

        day.withdraw(id);
        assertThat(get(origin.pdf(id)).statusCode()).isEqualTo(404);
        assertThat(page(BUSY, 1).select("tr.hyodaiDel").eachText()).anySatisfy(t -> assertThat(t).contains("削除"));
    }

    @Test
    void rowsSlideToTheNextPageWhileALesterReads() throws Exception {
        FakeDay day = fake.addDay(BUSY, 250, 3);
        day.insertAtTopWhenPageRequested(2, 7);
        List<String> page1 = page(BUSY, 1).select("td.kjTitle a").eachAttr("href");
        Document page2 = page(BUSY, 2);

        assertThat(page2.select("div.kaijiSum").first().text()).isEqualTo("101～200件 / 全257件");
        List<String> page2Links = page2.select("td.kjTitle a").eachAttr("href");
        // the last 7 rows of page 1 slid onto page 2: read twice
        assertThat(page2Links.subList(0, 7)).isEqualTo(page1.subList(page1.size() - 7, page1.size()));
        assertThat(day.bannerTotal()).isEqualTo(257);
        assertThat(day.pageCount()).isEqualTo(3);
        assertThat(page(BUSY, 2).select("div.kaijiSum").first().text()).endsWith("全257件");
    }

    @Test
    void pageFaultsAnswerThenHeal() throws Exception {
        fake.addDay(BUSY, 150, 3);
        fake.pageFault(BUSY, 1, PageFault.maintenance());
        fake.pageFault(BUSY, 2, PageFault.serverError(1));

        HttpResponse<byte[]> maintenance = get(origin.listPage(BUSY, 1));
        assertThat(maintenance.statusCode()).isEqualTo(200);
        Document m = Jsoup.parse(new String(maintenance.body(), StandardCharsets.UTF_8));
        assertThat(m.select("div.kaijiSum")).isEmpty();
        assertThat(m.select("table#main-list-table")).isEmpty();
        assertThat(get(origin.listPage(BUSY, 1)).statusCode()).isEqualTo(200);
        assertThat(get(origin.listPage(BUSY, 2)).statusCode()).isEqualTo(500);
        assertThat(page(BUSY, 2).select("table#main-list-table tr")).hasSize(50);

        fake.pageFault(BUSY, 2, PageFault.notFound());
        assertThat(get(origin.listPage(BUSY, 2)).statusCode()).isEqualTo(404);
        assertThat(get(origin.listPage(BUSY, 2)).statusCode()).isEqualTo(404);
        fake.healAll();
        assertThat(page(BUSY, 1).select("table#main-list-table tr")).hasSize(100);
        assertThat(page(BUSY, 2).select("table#main-list-table tr")).hasSize(50);
        assertThat(fake.requests()).hasSize(8);
    }

    @Test
    void anOtherHostIsAnotherServer() throws Exception {
        try (FakeTdnet other = FakeTdnet.start(InetAddress.getByName("127.0.0.2"))) {
            assertThat(other.baseUrl()).startsWith("http://127.0.0.2:").endsWith("/inbs/");
            FakeDay day = fake.addDay(BUSY, 3, 1);
            assertThat(get(origin.pdf(day.ids().get(0))).statusCode()).isEqualTo(200);
            assertThat(other.requests()).isEmpty();
            assertThat(get(other.uri("x.pdf")).statusCode()).isEqualTo(404);
            assertThat(other.requests()).hasSize(1);
        }
    }

    @Test
    void sameSeedSameBytesAcrossServers() throws Exception {
        FakeDay day = fake.addDay(BUSY, 120, 77);
        byte[] page = get(origin.listPage(BUSY, 2)).body();
        byte[] pdf = get(origin.pdf(day.ids().get(0))).body();
        try (FakeTdnet again = FakeTdnet.start()) {
            FakeDay same = again.addDay(BUSY, 120, 77);
            TdnetOrigin o = TdnetOrigin.of(again.baseUrl());
            assertThat(get(o.listPage(BUSY, 2)).body()).isEqualTo(page);
            assertThat(same.ids()).isEqualTo(day.ids());
            assertThat(get(o.pdf(same.ids().get(0))).body()).isEqualTo(pdf);
        }
    }
}
