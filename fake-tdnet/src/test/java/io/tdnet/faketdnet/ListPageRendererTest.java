package io.tdnet.faketdnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.model.DisclosureId;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Page rendering and day generation, checked with plain string/regex inspection (no HTML parser). */
class ListPageRendererTest {
    private static final LocalDate BUSY = LocalDate.of(2026, 2, 13);
    private static final Pattern DATA_ROW = Pattern.compile("<tr(?: class=\"(hyodai\\w+)\")?>\\n<td class=\"(odd|even)new-L kjTime\"");
    private static final Pattern BANNER = Pattern.compile("<div class=\"kaijiSum\">(\\d+)～(\\d+)件&nbsp;/&nbsp;全(\\d+)件</div>");
    private static final Pattern PAGER_NUMBER = Pattern.compile("<div class=\"pager-[OM]\" onClick=\"pagerLink\\('I_list_(\\d{3})_20260213\\.html'\\)\">(\\d+|\\.\\.)</div>");

    private static FakeDay busyDay(long seed) {
        return new FakeDay(BUSY, 2694, seed, new DocumentStore());
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void firstPageOfABusyDayHasTheBannerTwiceHundredRowsAndAPagerWithDots() {
        FakeDay day = busyDay(42);
        String html = ListPageRenderer.listPage(BUSY, day.rows(), 1);

        assertThat(day.pageCount()).isEqualTo(27);
        Matcher banner = BANNER.matcher(html);
        List<String> banners = new ArrayList<>();
        while (banner.find()) banners.add(banner.group());
        assertThat(banners).containsExactly(
                "<div class=\"kaijiSum\">1～100件&nbsp;/&nbsp;全2694件</div>",
                "<div class=\"kaijiSum\">1～100件&nbsp;/&nbsp;全2694件</div>");
        assertThat(count(DATA_ROW, html)).isEqualTo(100);
        assertThat(html).contains("<meta content=\"text/html\" charset=\"UTF-8\" http-equiv=\"content-type\">")
                .contains("<div id=\"kaiji-date-1\">2026年02月13日</div>")
                .contains("<table id=\"list-head\"")
                .contains("<table id=\"main-list-table\"")
                .contains("<meta name=\"robots\" content=\"noindex,nofollow\">");
        // top pager: 1..10 then ".." to page 11; bottom pager the same
        Matcher pager = PAGER_NUMBER.matcher(html);
        List<String> labels = new ArrayList<>();
        while (pager.find()) labels.add(pager.group(2) + "->" + Integer.parseInt(pager.group(1)));
        assertThat(labels.subList(0, 11)).containsExactly("1->1", "2->2", "3->3", "4->4", "5->5", "6->6", "7->7",
                "8->8", "9->9", "10->10", "..->11");
        assertThat(labels).hasSize(22);
        // the main table holds only data rows: the header is the other table
        String table = html.substring(html.indexOf("<table id=\"main-list-table\""), html.indexOf("</table>", html.indexOf("<table id=\"main-list-table\"")));
        assertThat(count(Pattern.compile("<tr"), table)).isEqualTo(100);
        assertThat(table).doesNotContain("時刻");
    }

    @Test
    void lastPageHasTheRemainderAndAPagerBackToEarlierPages() {
        FakeDay day = busyDay(42);
        String html = ListPageRenderer.listPage(BUSY, day.rows(), 27);

        assertThat(count(DATA_ROW, html)).isEqualTo(94);
        assertThat(html).contains("<div class=\"kaijiSum\">2601～2694件&nbsp;/&nbsp;全2694件</div>")
                .contains(">..</div>")
                .doesNotContain("pager-R")
                .contains("<div class=\"pager-O\" onClick=\"pagerLink('I_list_027_20260213.html')\">27</div>");
        assertThatThrownBy(() -> ListPageRenderer.listPage(BUSY, day.rows(), 28)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsCarryKjCellsParityClassesAndPadding() {
        FakeDay day = busyDay(7);
        String html = ListPageRenderer.listPage(BUSY, day.rows(), 1);
        FakeRow first = day.rows().get(0);

        String expectedTime = String.format("<td class=\"oddnew-L kjTime\" noWrap>%02d:%02d</td>", first.time().getHour(), first.time().getMinute());
        assertThat(html).contains(expectedTime)
                .contains("<td class=\"oddnew-M kjCode\" noWrap>" + first.code() + "</td>")
                .contains("<td class=\"evennew-L kjTime\"")
                .containsPattern("<td class=\"oddnew-M kjName\" noWrap>" + Pattern.quote(first.name()) + " +</td>")
                .containsPattern("<td class=\"oddnew-M kjPlace\" noWrap align=\"left\">" + Pattern.quote(first.exchanges()) + " +</td>")
                .contains("<td class=\"oddnew-R kjHistroy\" align=\"left\">\u3000\u3000\u3000\u3000\u3000</td>");
    }

    @Test
    void deletedAndRetitledRowsHaveTheirQuirks() {
        FakeDay day = busyDay(42);
        List<FakeRow> rows = day.rows();
        FakeRow deleted = rows.stream().filter(r -> r.kind() == RowKind.DELETED).findFirst().orElseThrow();
        FakeRow retitled = rows.stream().filter(r -> r.kind() == RowKind.RETITLED).findFirst().orElseThrow();
        String deletedPage = ListPageRenderer.listPage(BUSY, rows, rows.indexOf(deleted) / 100 + 1);
        String retitledPage = ListPageRenderer.listPage(BUSY, rows, rows.indexOf(retitled) / 100 + 1);

        assertThat(deleted.id()).isNull();
        assertThat(deleted.history()).matches("2026/02/13 \\d\\d:\\d\\d 削除");
        assertThat(deletedPage).contains("kjTitle\" align=\"left\">" + ListPageRenderer.escape(deleted.title()) + "</td>");
        assertThat(deletedPage).contains("<tr class=\"hyodaiDel\">");
        assertThat(retitledPage).contains("<a href=\"" + retitled.id() + ".pdf\" target=\"_blank\">"
                + ListPageRenderer.escape(retitled.title()) + "</a><BR><s>" + ListPageRenderer.escape(retitled.previousTitle()) + "</s></a>");
        assertThat(retitled.history()).matches("2026/02/13 \\d\\d:\\d\\d 表題変更");
        assertThat(day.withdrawnCount()).isEqualTo(2694 / 150);
        assertThat(day.ids()).hasSize(2694 - day.withdrawnCount());
    }

    @Test
    void generatedDaysLookRealistic() {
        FakeDay day = busyDay(42);
        List<FakeRow> rows = day.rows();
        assertThat(new HashSet<>(day.ids())).hasSize(day.ids().size());
        assertThat(day.ids()).allSatisfy(id -> assertThat(id.value()).matches("1401\\d{14}"));
        assertThat(rows).allSatisfy(r -> assertThat(r.code()).matches("[0-9]{3}[0-9A-Z]0"));
        assertThat(rows).anySatisfy(r -> assertThat(r.code()).matches("\\d{3}[A-Z]0"));
        assertThat(rows).anySatisfy(r -> assertThat(r.title()).contains("&"));
        assertThat(rows).anySatisfy(r -> assertThat(r.title()).contains("〔"));
        assertThat(rows).anySatisfy(r -> assertThat(r.title()).startsWith("（訂正）"));
        assertThat(rows).anySatisfy(r -> assertThat(r.title()).startsWith("【訂正】"));
        assertThat(rows).anySatisfy(r -> assertThat(r.exchanges()).isEqualTo("東名札福"));
        assertThat(rows).anySatisfy(r -> assertThat(r.exchanges()).isEqualTo("PH"));
        assertThat(rows).anySatisfy(r -> assertThat(r.id().value().substring(4, 12)).isNotEqualTo("20260213"));
        long withXbrl = rows.stream().filter(r -> r.xbrl() != null).count();
        assertThat(withXbrl).isBetween(2694L / 4, 2694L * 2 / 5);
        assertThat(rows).filteredOn(r -> r.xbrl() != null).allSatisfy(r ->
                assertThat(r.xbrl()).matches("0[89]12" + r.id().value().substring(4) + "\\.zip"));
        for (int i = 1; i < rows.size(); i++) {
            FakeRow a = rows.get(i - 1), b = rows.get(i);
            assertThat(a.time().isAfter(b.time()) || a.time().equals(b.time()) && a.code().compareTo(b.code()) <= 0)
                    .as("row %d (%s %s) before row %d (%s %s)", i - 1, a.time(), a.code(), i, b.time(), b.code()).isTrue();
        }
        assertThat(rows.get(0).time()).isAfter(LocalTime.of(21, 0));
        assertThat(rows.get(rows.size() - 1).time()).isBefore(LocalTime.of(9, 0));
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherPage() {
        String a = ListPageRenderer.listPage(BUSY, busyDay(42).rows(), 3);
        String b = ListPageRenderer.listPage(BUSY, busyDay(42).rows(), 3);
        String c = ListPageRenderer.listPage(BUSY, busyDay(43).rows(), 3);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void emptyDayPageHasNoTableAndNoBanner() {
        String html = ListPageRenderer.emptyDayPage(LocalDate.of(2026, 2, 14));
        assertThat(html).contains("<div id=\"kaiji-date-1\">2026年02月14日</div>")
                .contains("<div id=\"kaiji-text-1\">に開示された情報はありません。</div>")
                .doesNotContain("kaijiSum").doesNotContain("main-list-table");
        assertThat(ListPageRenderer.maintenancePage()).doesNotContain("kaijiSum").doesNotContain("main-list-table")
                .doesNotContain("kaiji-date-1");
    }

    @Test
    void intradayIncrementWithdrawalAndRejectedRowsChangeTheGroundTruth() {
        FakeDay day = new FakeDay(BUSY, 150, 5, new DocumentStore());
        FakeRow oldTop = day.rows().get(0);

        List<FakeRow> added = day.addDisclosures(3);
        assertThat(day.rows().subList(0, 3)).isEqualTo(added);
        assertThat(added).allSatisfy(r -> assertThat(r.time()).isAfter(oldTop.time()));
        assertThat(day.rows().get(3)).isEqualTo(oldTop);
        assertThat(day.bannerTotal()).isEqualTo(153);
        assertThat(day.pageCount()).isEqualTo(2);

        DisclosureId gone = day.ids().get(10);
        FakeRow deleted = day.withdraw(gone);
        assertThat(deleted.kind()).isEqualTo(RowKind.DELETED);
        assertThat(deleted.href()).isNull();
        assertThat(day.ids()).doesNotContain(gone);
        assertThat(day.withdrawnCount()).isEqualTo(2);
        String page = ListPageRenderer.listPage(BUSY, day.rows(), 1);
        assertThat(page).doesNotContain(gone + ".pdf");

        FakeRow rejected = day.addRejectedRow("javascript:alert(\"x\")");
        assertThat(day.rejectedCount()).isEqualTo(1);
        assertThat(day.bannerTotal()).isEqualTo(154);
        assertThat(day.ids()).hasSize(154 - 2 - 1);
        String withRejected = ListPageRenderer.listPage(BUSY, day.rows(), day.rows().indexOf(rejected) / 100 + 1);
        assertThat(withRejected).contains("<a href=\"javascript:alert(&quot;x&quot;)\" target=\"_blank\">");
    }

    @Test
    void pageInsertionFiresOnceBeforeThatPageIsServed() {
        FakeDay day = new FakeDay(BUSY, 250, 9, new DocumentStore());
        day.insertAtTopWhenPageRequested(2, 5);
        FakeRow lastOfPage1 = day.page(1).get(99);

        assertThat(day.rowsForRequestOf(1)).hasSize(250);
        List<FakeRow> second = day.rowsForRequestOf(2);
        assertThat(second).hasSize(255);
        assertThat(second.indexOf(lastOfPage1)).isEqualTo(104);
        assertThat(day.rowsForRequestOf(2)).hasSize(255);
    }
}
