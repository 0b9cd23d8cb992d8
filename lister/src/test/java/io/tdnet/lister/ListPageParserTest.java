package io.tdnet.lister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.TdnetOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The parser against hand-written pages under src/test/resources/pages (edge cases of docs/ARCHITECTURE.md, TDnet list pages). */
class ListPageParserTest {
    private static final TdnetOrigin ORIGIN = TdnetOrigin.of("https://www.release.tdnet.info/inbs/");
    private static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    private final ListPageParser parser = new ListPageParser();

    static String page(String name) {
        try (InputStream in = ListPageParserTest.class.getResourceAsStream("/pages/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ListPage parse(String html) throws MalformedPageException {
        return parser.parse(html.getBytes(StandardCharsets.UTF_8), ORIGIN);
    }

    private static Disclosure linked(ListedRow row) {
        assertThat(row).isInstanceOf(ListedRow.Linked.class);
        return ((ListedRow.Linked) row).disclosure();
    }

    @Test
    void readsEveryCellOfAnOrdinaryRow() throws Exception {
        ListPage page = parse(page("edge-rows_20260213.html"));

        assertThat(page.date()).isEqualTo(DAY);
        assertThat(page.emptyDay()).isFalse();
        assertThat(page.banner()).isEqualTo(new Banner(1, 8, 8));
        assertThat(page.rows()).hasSize(8);
        Disclosure d = linked(page.rows().get(0));
        assertThat(d.disclosureId()).isEqualTo(DisclosureId.of("140120260213512345"));
        assertThat(d.disclosedDate()).isEqualTo(DAY);
        assertThat(d.disclosedAt()).isEqualTo(OffsetDateTime.parse("2026-02-13T22:00+09:00"));
        assertThat(d.companyCode()).isEqualTo("72030");
        assertThat(d.companyName()).isEqualTo("トヨタ自動車");
        assertThat(d.title()).isEqualTo("2026年3月期 第3四半期決算短信〔日本基準〕(連結)");
        assertThat(d.previousTitle()).isNull();
        assertThat(d.exchanges()).isEqualTo("東名");
        assertThat(d.history()).as("five U+3000 mean no history").isNull();
        assertThat(d.pdfUrl()).isEqualTo("https://www.release.tdnet.info/inbs/140120260213512345.pdf");
        assertThat(d.xbrlUrl()).isEqualTo("https://www.release.tdnet.info/inbs/081220260213512345.zip");
    }

    @Test
    void alphanumericCodeAmpersandAndFullWidthPaddingInsideNames() throws Exception {
        List<ListedRow> rows = parse(page("edge-rows_20260213.html")).rows();

        Disclosure d = linked(rows.get(1));
        assertThat(d.companyCode()).isEqualTo("130A0");
        assertThat(d.companyName()).as("ASCII padding stripped, inner U+3000 kept").isEqualTo("Ｖｅｒｉｔａｓ　Ｉｎ　Ｓｉｌｉｃｏ");
        assertThat(d.title()).isEqualTo("M&A に関するお知らせ");
        assertThat(d.disclosureId().value()).as("id date differs from the list date").startsWith("140120260210");
        assertThat(d.disclosedDate()).isEqualTo(DAY);
        assertThat(d.xbrlUrl()).isNull();

        Disclosure ph = linked(rows.get(5));
        assertThat(ph.exchanges()).isEqualTo("PH");
        assertThat(ph.title()).isEqualTo("配当予想の修正&株主優待制度の変更");

        Disclosure padded = linked(rows.get(6));
        assertThat(padded.title()).isEqualTo("Ｓ＆Ｐ 格付に関するお知らせ");
        assertThat(padded.exchanges()).isEqualTo("東");
        assertThat(padded.history()).as("mixed ASCII/U+3000 padding is no history").isNull();

        Disclosure correction = linked(rows.get(4));
        assertThat(correction.title()).startsWith("【訂正】");
        assertThat(correction.exchanges()).isEqualTo("東名札福");
        assertThat(correction.xbrlUrl()).isEqualTo("https://www.release.tdnet.info/inbs/091220260205498765.zip");
    }

    @Test
    void retitledRowWithTheStrayClosingAnchor() throws Exception {
        Disclosure d = linked(parse(page("edge-rows_20260213.html")).rows().get(2));

        assertThat(d.disclosureId().value()).isEqualTo("140120260213512399");
        assertThat(d.title()).isEqualTo("（訂正）業績予想の修正に関するお知らせ");
        assertThat(d.previousTitle()).isEqualTo("業績予想の修正に関するお知らせ");
        assertThat(d.history()).isEqualTo("2026/02/13 17:45 表題変更");
    }

    @Test
    void deletedRowIsKeptAsWithdrawn() throws Exception {
        ListedRow row = parse(page("edge-rows_20260213.html")).rows().get(3);

        assertThat(row).isEqualTo(new ListedRow.Withdrawn(OffsetDateTime.parse("2026-02-13T16:00+09:00"), "67580",
                "ソニーグループ", "自己株式の取得状況に関するお知らせ", "2026/02/13 16:40 削除"));
    }

    @Test
    void decodesUtf8WhateverTheMetaTagClaims() throws Exception {
        String lying = page("edge-rows_20260213.html")
                .replace("charset=\"UTF-8\"", "charset=\"Shift_JIS\"")
                .replace("<head>", "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">");

        Disclosure d = linked(parse(lying).rows().get(0));
        assertThat(d.companyName()).isEqualTo("トヨタ自動車");
    }

    @Test
    void busyDayPageOneCountsPagesFromTheBannerNotThePager() throws Exception {
        String html = page("busy-page1_20260213.html");
        assertThat(html).contains(">..</div>");

        ListPage page = parse(html);
        assertThat(page.banner()).isEqualTo(new Banner(1, 100, 2694));
        assertThat(page.banner().pageCount(100)).isEqualTo(27);
        assertThat(page.rows()).hasSize(100).allMatch(r -> r instanceof ListedRow.Linked);
        Set<String> ids = page.rows().stream().map(r -> linked(r).disclosureId().value()).collect(Collectors.toSet());
        assertThat(ids).hasSize(100);
        assertThat(page.rows()).anyMatch(r -> r.code().equals("130A0"));
        assertThat(page.rows().stream().filter(r -> linked(r).xbrlUrl() != null)).hasSize(34);
    }

    @Test
    void pagerListingFewerPagesThanTheBannerImpliesDoesNotMatter() throws Exception {
        String html = page("short-pager_20260213.html");
        assertThat(html.split("pagerLink\\(", -1)).as("the pager links page 2 only (twice)").hasSize(3);

        ListPage page = parse(html);
        assertThat(page.banner().total()).isEqualTo(250);
        assertThat(page.banner().pageCount(100)).isEqualTo(3);
    }

    @Test
    void emptyDayPage() throws Exception {
        ListPage page = parse(page("empty-day_20260103.html"));

        assertThat(page.emptyDay()).isTrue();
        assertThat(page.banner()).isNull();
        assertThat(page.rows()).isEmpty();
        assertThat(page.date()).isEqualTo(LocalDate.of(2026, 1, 3));
    }

    @Test
    void maintenancePageIsMalformedNotEmpty() {
        assertThatThrownBy(() -> parse(page("maintenance.html")))
                .isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("no list table")
                .hasMessageContaining("not the empty-day page")
                .hasMessageContaining("メンテナンス中");
    }

    @Test
    void tableWithoutBannerIsMalformed() {
        assertThatThrownBy(() -> parse(page("no-banner_20260213.html")))
                .isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("no banner (div.kaijiSum)");
    }

    @Test
    void hostileHrefsAreRejectedWithTheirRawHrefAndAReason() throws Exception {
        List<ListedRow> rows = parse(page("hostile-hrefs_20260213.html")).rows();

        assertThat(rows).hasSize(11);
        assertThat(linked(rows.get(0)).disclosureId().value()).isEqualTo("140120260213512599");
        List<ListedRow.Rejected> rejected = rows.subList(1, 11).stream().map(r -> {
            assertThat(r).isInstanceOf(ListedRow.Rejected.class);
            return (ListedRow.Rejected) r;
        }).toList();
        assertThat(rejected).extracting(ListedRow.Rejected::href).containsExactly(
                "https://www.release.tdnet.info/inbs/140120260213512500.pdf",
                "http://127.0.0.2:9/inbs/140120260213512501.pdf",
                "//evil.example/inbs/140120260213512502.pdf",
                "../140120260213512503.pdf",
                "javascript:alert(1)",
                "12345.pdf",
                "1401202602135125040.pdf",
                "140120260213512505.pdf?download=1",
                "/inbs/140120260213512506.pdf",
                "140120260213512507.zip");
        assertThat(rejected).extracting(ListedRow.Rejected::reason).containsExactly(
                "absolute URL, not a relative document link",
                "absolute URL, not a relative document link",
                "protocol-relative URL (another host)",
                "relative path leaving the list directory",
                "javascript: link",
                "document id is not 18 digits",
                "document id is not 18 digits",
                "link with a query string",
                "path, not a bare document name",
                "not a .pdf link");
        assertThat(rejected.get(0).title()).isEqualTo("表題1");
        assertThat(rejected.get(0).code()).isEqualTo("30010");
        assertThat(rejected.get(0).at()).isEqualTo(OffsetDateTime.parse("2026-02-13T11:00+09:00"));
    }

    @Test
    void rowWithoutAnyLinkThatIsNotMarkedDeletedIsRejectedNotDropped() throws Exception {
        String html = page("edge-rows_20260213.html").replace(
                "<a href=\"140120260213512400.pdf\" target=\"_blank\">配当予想の修正&amp;株主優待制度の変更</a>",
                "配当予想の修正&amp;株主優待制度の変更");

        ListedRow row = parse(html).rows().get(5);
        assertThat(row).isInstanceOf(ListedRow.Rejected.class);
        assertThat(((ListedRow.Rejected) row).href()).isNull();
        assertThat(((ListedRow.Rejected) row).reason()).contains("no document link");
    }

    @Test
    void bannersThatDisagreeAreMalformed() {
        String html = page("edge-rows_20260213.html");
        int second = html.lastIndexOf("全8件");
        String broken = html.substring(0, second) + "全9件" + html.substring(second + "全8件".length());

        assertThatThrownBy(() -> parse(broken)).isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("banners disagree").hasMessageContaining("1～8 / 8").hasMessageContaining("1～8 / 9");
    }

    @Test
    void bannerRangeThatDisagreesWithTheRowsIsMalformed() {
        String broken = page("edge-rows_20260213.html").replace("1～8件&nbsp;/&nbsp;全8件", "1～9件&nbsp;/&nbsp;全9件");

        assertThatThrownBy(() -> parse(broken)).isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("1～9 (9 rows) of 9 but the table has 8 rows");
    }

    @Test
    void unreadableBannerIsMalformed() {
        String broken = page("edge-rows_20260213.html").replace("1～8件&nbsp;/&nbsp;全8件", "準備中");

        assertThatThrownBy(() -> parse(broken)).isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("banner (div.kaijiSum) is not");
    }

    @Test
    void rowMissingACellIsMalformed() {
        String broken = page("edge-rows_20260213.html")
                .replaceFirst("<td class=\"oddnew-M kjPlace\" noWrap align=\"left\">東名</td>\n", "");

        assertThatThrownBy(() -> parse(broken)).isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("row 1 has no kjPlace cell");
    }

    @Test
    void cellsAreFoundByClassNotByPosition() throws Exception {
        String html = page("edge-rows_20260213.html");
        String time = "<td class=\"oddnew-L kjTime\" noWrap>22:00</td>\n";
        String swapped = html.replaceFirst(time, "").replaceFirst(
                "(<td class=\"oddnew-R kjHistroy\" align=\"left\">　　　　　</td>\n)", "$1" + time);

        Disclosure d = linked(parse(swapped).rows().get(0));
        assertThat(d.disclosedAt().toLocalTime()).hasToString("22:00");
        assertThat(d.companyCode()).isEqualTo("72030");
    }

    @Test
    void badTimeOrCodeIsMalformed() {
        String html = page("edge-rows_20260213.html");
        assertThatThrownBy(() -> parse(html.replace(">22:00<", ">25:00<")))
                .isInstanceOf(MalformedPageException.class).hasMessageContaining("row 1: time (kjTime) is not HH:MM");
        assertThatThrownBy(() -> parse(html.replace(">130A0<", ">130a<")))
                .isInstanceOf(MalformedPageException.class).hasMessageContaining("row 2: code (kjCode)");
    }

    @Test
    void missingOrBadPageDateIsMalformed() {
        String html = page("edge-rows_20260213.html");
        assertThatThrownBy(() -> parse(html.replace("id=\"kaiji-date-1\"", "id=\"other\"")))
                .isInstanceOf(MalformedPageException.class).hasMessageContaining("no page date");
        assertThatThrownBy(() -> parse(html.replace("2026年02月13日", "2026年02月30日")))
                .isInstanceOf(MalformedPageException.class).hasMessageContaining("not a date");
    }

    @Test
    void tableWithoutRowsIsMalformedNotEmpty() {
        String html = page("edge-rows_20260213.html");
        int start = html.indexOf("<table id=\"main-list-table\"");
        int open = html.indexOf('>', start) + 1;
        int end = html.indexOf("</table>", open);
        String empty = html.substring(0, open) + html.substring(end);

        assertThatThrownBy(() -> parse(empty)).isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("the list table has no rows");
    }

    @Test
    void xbrlLinkOutsideTheOriginIsNotRecorded() throws Exception {
        String html = page("edge-rows_20260213.html").replace("href=\"081220260213512345.zip\"",
                "href=\"https://evil.example/081220260213512345.zip\"");

        assertThat(linked(parse(html).rows().get(0)).xbrlUrl()).isNull();
    }

    @Test
    void parsesABusyPageQuickly() throws Exception {
        byte[] bytes = page("busy-page1_20260213.html").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 50; i++) parser.parse(bytes, ORIGIN); // warm-up
        int n = 200;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) parser.parse(bytes, ORIGIN);
        double ms = (System.nanoTime() - start) / 1e6 / n;
        System.out.printf("ListPageParser: %.2f ms per 100-row page (%d bytes)%n", ms, bytes.length);
        assertThat(ms).isLessThan(100);
    }
}
