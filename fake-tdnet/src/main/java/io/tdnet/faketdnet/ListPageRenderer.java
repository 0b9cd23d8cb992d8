package io.tdnet.faketdnet;

import io.tdnet.model.Tdnet;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders pages the way www.release.tdnet.info does (see docs/ARCHITECTURE.md, TDnet list pages): the odd charset meta
 * tag, the banner twice, a pager of at most 10 numbers plus {@code ..}, the {@code #list-head} header
 * table, {@code table#main-list-table} rows with {@code kj*} cells, padding and the quirks of deleted and
 * retitled rows.
 */
final class ListPageRenderer {
    static final String NO_DISCLOSURES = "に開示された情報はありません。";
    private static final DateTimeFormatter KAIJI_DATE = DateTimeFormatter.ofPattern("yyyy年MM月dd日");
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String HISTORY_BLANK = "\u3000\u3000\u3000\u3000\u3000";
    private static final int PAGER_NUMBERS = 10;

    private ListPageRenderer() {}

    static String fileName(LocalDate date, int page) {
        return String.format("I_list_%03d_%s.html", page, date.format(FILE_DATE));
    }

    /** Page {@code page} (1-based, must exist) of a day with {@code rows} (not empty). */
    static String listPage(LocalDate date, List<FakeRow> rows, int page) {
        int total = rows.size();
        int pages = (total + Tdnet.ROWS_PER_PAGE - 1) / Tdnet.ROWS_PER_PAGE;
        if (page < 1 || page > pages) throw new IllegalArgumentException("no page " + page + " of " + pages);
        int from = (page - 1) * Tdnet.ROWS_PER_PAGE;
        int to = Math.min(total, from + Tdnet.ROWS_PER_PAGE);
        StringBuilder html = new StringBuilder(64 * 1024);
        head(html);
        html.append("<body>\n<div id=\"main-list\">\n");
        dateBox(html, date, "に開示された情報");
        pagerBox(html, "pager-box-top", date, page, pages, from + 1, to, total);
        html.append("<table id=\"list-head\" cellspacing=\"0\" cellpadding=\"0\">\n<tr>\n")
                .append("<td class=\"header-L\" noWrap>時刻</td>\n")
                .append("<td class=\"header-M\" noWrap>コード</td>\n")
                .append("<td class=\"header-M\" noWrap>会社名</td>\n")
                .append("<td class=\"header-M\" noWrap>表題</td>\n")
                .append("<td class=\"header-M\" noWrap>XBRL</td>\n")
                .append("<td class=\"header-M\" noWrap>上場取引所</td>\n")
                .append("<td class=\"header-R\" noWrap>更新履歴</td>\n")
                .append("</tr>\n</table>\n");
        html.append("<div id=\"main-list-table-box\">\n<table id=\"main-list-table\" cellspacing=\"0\" cellpadding=\"0\">\n");
        for (int i = from; i < to; i++) row(html, rows.get(i), (i - from) % 2 == 0 ? "oddnew" : "evennew");
        html.append("</table>\n</div>\n");
        pagerBox(html, "pager-box-bottom", date, page, pages, from + 1, to, total);
        html.append("</div>\n</body>\n</html>\n");
        return html.toString();
    }

    /** Page 1 of a day without disclosures: no table, no banner. */
    static String emptyDayPage(LocalDate date) {
        StringBuilder html = new StringBuilder(2048);
        head(html);
        html.append("<body>\n<div id=\"main-list\">\n");
        dateBox(html, date, NO_DISCLOSURES);
        html.append("</div>\n</body>\n</html>\n");
        return html.toString();
    }

    static String maintenancePage() {
        StringBuilder html = new StringBuilder(1024);
        head(html);
        html.append("<body>\n<div id=\"maintenance\">\n<p>ただいまシステムメンテナンス中です。</p>\n")
                .append("<p>ご迷惑をおかけいたしますが、しばらくお待ちください。</p>\n</div>\n</body>\n</html>\n");
        return html.toString();
    }

    static String errorPage(int status, String message) {
        return "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>" + status + " " + message
                + "</title>\n</head><body>\n<h1>" + message + "</h1>\n</body></html>\n";
    }

    /** {@code I_main_00.html}: the day selector, newest day first. */
    static String mainPage(List<LocalDate> daysNewestFirst) {
        StringBuilder html = new StringBuilder(4096);
        head(html);
        html.append("<body>\n<form name=\"dayselect\">\n<select name=\"daylist\" onChange=\"dayChange()\">\n");
        for (LocalDate d : daysNewestFirst) {
            html.append("<option value=\"").append(fileName(d, 1)).append("\">")
                    .append(d.format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))).append("</option>\n");
        }
        html.append("</select>\n</form>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void head(StringBuilder html) {
        html.append("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\" \"http://www.w3.org/TR/html4/loose.dtd\">\n")
                .append("<html lang=\"ja\">\n<head>\n")
                .append("<meta content=\"text/html\" charset=\"UTF-8\" http-equiv=\"content-type\">\n")
                .append("<meta http-equiv=\"Content-Style-Type\" content=\"text/css\">\n")
                .append("<meta http-equiv=\"Content-Script-Type\" content=\"text/javascript\">\n")
                .append("<meta name=\"robots\" content=\"noindex,nofollow\">\n")
                .append("<title>適時開示情報閲覧サービス</title>\n")
                .append("<link href=\"./css/I_list.css\" rel=\"stylesheet\" type=\"text/css\">\n")
                .append("<script type=\"text/javascript\" src=\"./js/I_common.js\"></script>\n")
                .append("<script type=\"text/javascript\">\n<!--\nfunction pagerLink(url) { location.href = url; }\n//-->\n</script>\n")
                .append("</head>\n");
    }

    private static void dateBox(StringBuilder html, LocalDate date, String text) {
        html.append("<table id=\"kaiji-date-box\" cellspacing=\"0\" cellpadding=\"0\">\n<tr>\n<td>")
                .append("<div id=\"kaiji-date-1\">").append(date.format(KAIJI_DATE)).append("</div>")
                .append("<div id=\"kaiji-text-1\">").append(text).append("</div>")
                .append("</td>\n</tr>\n</table>\n");
    }

    private static void pagerBox(StringBuilder html, String id, LocalDate date, int page, int pages, int from, int to, int total) {
        int first = (page - 1) / PAGER_NUMBERS * PAGER_NUMBERS + 1;
        int last = Math.min(pages, first + PAGER_NUMBERS - 1);
        html.append("<table id=\"").append(id).append("\" cellspacing=\"0\" cellpadding=\"0\">\n<tr>\n<td class=\"pagerTd\">\n");
        if (page > 1) pagerDiv(html, "pager-L", date, page - 1, "&lt;前へ");
        if (first > 1) pagerDiv(html, "pager-M", date, first - 1, "..");
        for (int p = first; p <= last; p++) pagerDiv(html, p == page ? "pager-O" : "pager-M", date, p, String.valueOf(p));
        if (last < pages) pagerDiv(html, "pager-M", date, last + 1, "..");
        if (page < pages) pagerDiv(html, "pager-R", date, page + 1, "次へ&gt;");
        html.append("</td>\n<td class=\"kaijiSumTd\">\n<div class=\"kaijiSum\">")
                .append(from).append("～").append(to).append("件&nbsp;/&nbsp;全").append(total).append("件</div>\n")
                .append("</td>\n</tr>\n</table>\n");
    }

    private static void pagerDiv(StringBuilder html, String cls, LocalDate date, int page, String label) {
        html.append("<div class=\"").append(cls).append("\" onClick=\"pagerLink('").append(fileName(date, page))
                .append("')\">").append(label).append("</div>\n");
    }

    private static void row(StringBuilder html, FakeRow r, String parity) {
        html.append("<tr");
        if (r.kind() == RowKind.DELETED) html.append(" class=\"hyodaiDel\"");
        if (r.kind() == RowKind.RETITLED) html.append(" class=\"hyodaiUpd\"");
        html.append(">\n");
        html.append("<td class=\"").append(parity).append("-L kjTime\" noWrap>")
                .append(String.format("%02d:%02d", r.time().getHour(), r.time().getMinute())).append("</td>\n");
        html.append("<td class=\"").append(parity).append("-M kjCode\" noWrap>").append(escape(r.code())).append("</td>\n");
        html.append("<td class=\"").append(parity).append("-M kjName\" noWrap>").append(escape(pad(r.name(), 20))).append("</td>\n");
        html.append("<td class=\"").append(parity).append("-M kjTitle\" align=\"left\">");
        switch (r.kind()) {
            case DELETED -> html.append(escape(r.title()));
            case RETITLED -> html.append("<a href=\"").append(escape(r.href())).append("\" target=\"_blank\">")
                    .append(escape(r.title())).append("</a><BR><s>").append(escape(r.previousTitle())).append("</s></a>");
            default -> html.append("<a href=\"").append(escape(r.href())).append("\" target=\"_blank\">")
                    .append(escape(r.title())).append("</a>");
        }
        html.append("</td>\n");
        html.append("<td class=\"").append(parity).append("-M kjXbrl\" noWrap align=\"center\">");
        if (r.xbrl() == null || r.kind() == RowKind.DELETED) {
            html.append(' ');
        } else {
            html.append("<div class=\"xbrl-mask\"><div class=\"xbrl-button\"><a class=\"style002\" href=\"")
                    .append(escape(r.xbrl())).append("\">XBRL</a></div></div>");
        }
        html.append("</td>\n");
        html.append("<td class=\"").append(parity).append("-M kjPlace\" noWrap align=\"left\">")
                .append(escape(pad(r.exchanges(), 6))).append("</td>\n");
        html.append("<td class=\"").append(parity).append("-R kjHistroy\" align=\"left\">")
                .append(r.history().isEmpty() ? HISTORY_BLANK : escape(r.history())).append("</td>\n");
        html.append("</tr>\n");
    }

    /** Right-pads with ASCII spaces (at least one), as the real cells are. */
    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(1, width - s.length()));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
