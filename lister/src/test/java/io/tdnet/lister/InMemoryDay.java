package io.tdnet.lister;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A day of TDnet rows held in memory and rendered page by page in the list-page format, behind
 * {@link ListPageSource}: lets the reader's unit tests change the day between page requests.
 */
final class InMemoryDay implements ListPageSource {
    static final String BASE = "https://www.release.tdnet.info/inbs/";

    /** One row: exactly one of id / deleted / href decides what it is. */
    record Row(String time, String code, String title, String id, boolean deleted, String href) {
        static Row linked(String id, String time) {
            return new Row(time, "1301" + "0", "title " + id, id, false, null);
        }

        static Row deleted(String title, String time) {
            return new Row(time, "13010", title, null, true, null);
        }

        static Row hostile(String href, String time) {
            return new Row(time, "13010", "hostile " + href, null, false, href);
        }
    }

    final LocalDate date;
    final List<Row> rows = new ArrayList<>();
    final List<Integer> requested = new ArrayList<>();
    final Map<Integer, IntFunction<byte[]>> overrides = new HashMap<>();
    /** Called with the page number before each request is answered (mutate the day here). */
    java.util.function.IntConsumer beforeServing = page -> {};
    boolean notFound;
    /** A page whose fetch fails as a transport failure would, or 0. */
    int failingPage;
    private long serial;

    InMemoryDay(LocalDate date) {
        this.date = date;
    }

    InMemoryDay withLinked(int n) {
        for (int i = 0; i < n; i++) rows.add(Row.linked(nextId(), "09:00"));
        return this;
    }

    /** n new linked rows at the top (newest first), as TDnet inserts them. */
    void insertAtTop(int n) {
        for (int i = 0; i < n; i++) rows.add(0, Row.linked(nextId(), "23:00"));
    }

    String nextId() {
        return String.format("1401%04d%02d%02d%06d", date.getYear(), date.getMonthValue(), date.getDayOfMonth(), ++serial);
    }

    List<String> linkedIds() {
        return rows.stream().filter(r -> r.id() != null).map(Row::id).toList();
    }

    @Override
    public URI url(LocalDate d, int page) {
        return URI.create(BASE + String.format("I_list_%03d_%s.html", page, d.toString().replace("-", "")));
    }

    @Override
    public PageResponse fetch(LocalDate d, int page) throws PageFetchException {
        requested.add(page);
        beforeServing.accept(page);
        URI url = url(d, page);
        if (page == failingPage) throw new PageFetchException(url, "HTTP 503 (gave up after 4 attempts)", null);
        if (overrides.containsKey(page)) {
            byte[] body = overrides.get(page).apply(page);
            return body == null ? new PageResponse.NotFound(url) : new PageResponse.Found(url, body);
        }
        if (notFound || !d.equals(date)) return new PageResponse.NotFound(url);
        if (rows.isEmpty()) return new PageResponse.Found(url, emptyPage(d).getBytes(StandardCharsets.UTF_8));
        int pages = (rows.size() + 99) / 100;
        if (page > pages) return new PageResponse.NotFound(url);
        return new PageResponse.Found(url, render(d, page).getBytes(StandardCharsets.UTF_8));
    }

    static String emptyPage(LocalDate d) {
        return "<html><head><meta content=\"text/html\" charset=\"UTF-8\" http-equiv=\"content-type\"></head><body>"
                + "<div id=\"kaiji-date-1\">" + japanese(d) + "</div><div id=\"kaiji-text-1\">に開示された情報はありません。</div>"
                + "</body></html>";
    }

    static String japanese(LocalDate d) {
        return String.format("%04d年%02d月%02d日", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    String render(LocalDate shownDate, int page) {
        int from = (page - 1) * 100 + 1;
        int to = Math.min(page * 100, rows.size());
        String banner = "<div class=\"kaijiSum\">" + from + "～" + to + "件&nbsp;/&nbsp;全" + rows.size() + "件</div>";
        StringBuilder html = new StringBuilder("<html><head><meta content=\"text/html\" charset=\"UTF-8\" "
                + "http-equiv=\"content-type\"></head><body><div id=\"kaiji-date-1\">" + japanese(shownDate)
                + "</div><div id=\"kaiji-text-1\">に開示された情報</div>" + banner
                + "<table id=\"main-list-table\">");
        for (Row r : rows.subList(from - 1, to)) {
            String title;
            if (r.deleted()) title = r.title();
            else if (r.id() != null) title = "<a href=\"" + r.id() + ".pdf\" target=\"_blank\">" + r.title() + "</a>";
            else title = "<a href=\"" + r.href() + "\">" + r.title() + "</a>";
            html.append(r.deleted() ? "<tr class=\"hyodaiDel\">" : "<tr>")
                    .append("<td class=\"oddnew-L kjTime\">").append(r.time()).append("</td>")
                    .append("<td class=\"oddnew-M kjCode\">").append(r.code()).append("</td>")
                    .append("<td class=\"oddnew-M kjName\">名前  </td>")
                    .append("<td class=\"oddnew-M kjTitle\">").append(title).append("</td>")
                    .append("<td class=\"oddnew-M kjXbrl\"> </td>")
                    .append("<td class=\"oddnew-M kjPlace\">東</td>")
                    .append("<td class=\"oddnew-R kjHistroy\">").append(r.deleted() ? "2026/02/13 18:00 削除" : "　　　　　")
                    .append("</td></tr>");
        }
        return html.append("</table>").append(banner).append("</body></html>").toString();
    }
}
