package io.tdnet.lister;

import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.TdnetOrigin;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Parses one TDnet list page ({@code I_list_PPP_YYYYMMDD.html}) as docs/ARCHITECTURE.md (TDnet list pages) describes it.
 *
 * <p>It is strict where a lax parser would under-report: a page that is neither a list nor the empty-day
 * page, a list without a banner, a banner that disagrees with the rows, or a row missing a cell is a
 * {@link MalformedPageException}. It is lenient where strictness would lose rows: a row with an odd
 * link is kept as {@link ListedRow.Rejected} and a deleted row as {@link ListedRow.Withdrawn}, so every
 * row the banner counts is accounted for.
 *
 * <p>Stateless and thread-safe.
 */
public final class ListPageParser {
    /** The empty-day page: {@code #kaiji-text-1} reads {@code に開示された情報はありません。}. */
    static final String EMPTY_DAY_TEXT = "に開示された情報はありません";

    private static final ZoneOffset JST_OFFSET = ZoneOffset.ofHours(9);
    private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日");
    private static final Pattern BANNER = Pattern.compile(
            "([0-9,]+)\\s*[～〜~]\\s*([0-9,]+)\\s*件\\s*/\\s*全\\s*([0-9,]+)\\s*件");
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{5}");
    private static final Pattern DOCUMENT_LINK = Pattern.compile("([0-9]{18})\\.pdf");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*:");

    /** The seven cells every data row must have, by class (never by position). */
    private static final List<String> REQUIRED_CELLS =
            List.of("kjTime", "kjCode", "kjName", "kjTitle", "kjXbrl", "kjPlace", "kjHistroy");

    /**
     * Parses a page's bytes. The bytes are decoded as UTF-8 whatever the page or the HTTP header claims.
     *
     * @param html the body as received
     * @param origin the TDnet origin the page came from: document and XBRL URLs are built against it
     */
    public ListPage parse(byte[] html, TdnetOrigin origin) throws MalformedPageException {
        Document doc = Jsoup.parse(new String(html, StandardCharsets.UTF_8), origin.baseUrl());
        Element table = doc.selectFirst("table#main-list-table");
        if (table == null) {
            Element text = doc.selectFirst("#kaiji-text-1");
            if (text != null && text.text().contains(EMPTY_DAY_TEXT)) {
                return ListPage.empty(pageDate(doc));
            }
            throw new MalformedPageException("no list table (table#main-list-table) and not the empty-day page"
                    + " (no #kaiji-text-1 reading '" + EMPTY_DAY_TEXT + "')" + titleHint(doc));
        }
        LocalDate date = pageDate(doc);
        Banner banner = banner(doc);
        List<ListedRow> rows = new ArrayList<>();
        int index = 0;
        for (Element tr : table.select("tr")) {
            // A table nested in a cell would contribute its rows to the selection: keep only our own.
            if (tr.closest("table") != table) continue;
            index++;
            rows.add(row(tr, index, date, origin));
        }
        if (rows.isEmpty()) {
            throw new MalformedPageException("the list table has no rows but the banner says "
                    + banner.from() + "～" + banner.to() + " of " + banner.total());
        }
        if (rows.size() != banner.rowCount()) {
            throw new MalformedPageException("the banner says rows " + banner.from() + "～" + banner.to()
                    + " (" + banner.rowCount() + " rows) of " + banner.total() + " but the table has "
                    + rows.size() + " rows");
        }
        return new ListPage(date, banner, false, rows);
    }

    private static LocalDate pageDate(Document doc) throws MalformedPageException {
        Element el = doc.selectFirst("#kaiji-date-1");
        if (el == null) {
            throw new MalformedPageException("no page date (#kaiji-date-1)");
        }
        Matcher m = DATE.matcher(el.text());
        if (!m.find()) {
            throw new MalformedPageException("page date (#kaiji-date-1) is not YYYY年MM月DD日: '" + clip(el.text()) + "'");
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            throw new MalformedPageException("page date (#kaiji-date-1) is not a date: '" + clip(el.text()) + "'");
        }
    }

    private static Banner banner(Document doc) throws MalformedPageException {
        Elements sums = doc.select("div.kaijiSum");
        if (sums.isEmpty()) {
            throw new MalformedPageException("a list table but no banner (div.kaijiSum)");
        }
        Banner first = null;
        for (Element sum : sums) {
            Banner b = parseBanner(sum.text());
            if (first == null) {
                first = b;
            } else if (!first.equals(b)) {
                throw new MalformedPageException("the banners disagree: " + describe(first) + " vs " + describe(b));
            }
        }
        return first;
    }

    private static Banner parseBanner(String text) throws MalformedPageException {
        String normal = text.replace('\u00a0', ' ').replace('\u3000', ' ');
        Matcher m = BANNER.matcher(normal);
        if (!m.find()) {
            throw new MalformedPageException("banner (div.kaijiSum) is not '{from}～{to}件 / 全{total}件': '" + clip(text) + "'");
        }
        try {
            return new Banner(number(m.group(1)), number(m.group(2)), number(m.group(3)));
        } catch (IllegalArgumentException e) {
            throw new MalformedPageException("banner (div.kaijiSum) is inconsistent: '" + clip(text) + "'");
        }
    }

    private static int number(String digits) {
        return Integer.parseInt(digits.replace(",", ""));
    }

    private static String describe(Banner b) {
        return b.from() + "～" + b.to() + " / " + b.total();
    }

    private static ListedRow row(Element tr, int index, LocalDate date, TdnetOrigin origin)
            throws MalformedPageException {
        for (String cls : REQUIRED_CELLS) {
            if (tr.selectFirst("td." + cls) == null) {
                throw new MalformedPageException("row " + index + " has no " + cls + " cell");
            }
        }
        String time = cell(tr, "kjTime");
        Matcher tm = TIME.matcher(time);
        if (!tm.matches()) {
            throw new MalformedPageException("row " + index + ": time (kjTime) is not HH:MM: '" + clip(time) + "'");
        }
        OffsetDateTime at = OffsetDateTime.of(date,
                LocalTime.of(Integer.parseInt(tm.group(1)), Integer.parseInt(tm.group(2))), JST_OFFSET);
        String code = cell(tr, "kjCode");
        if (!CODE.matcher(code).matches()) {
            throw new MalformedPageException("row " + index + ": code (kjCode) is not 5 characters [0-9A-Z]: '" + clip(code) + "'");
        }
        String name = cell(tr, "kjName");
        String exchanges = blankToNull(cell(tr, "kjPlace"));
        String history = blankToNull(cell(tr, "kjHistroy"));

        Element titleCell = tr.selectFirst("td.kjTitle");
        Element link = titleCell.selectFirst("a");
        String previousTitle = previousTitle(titleCell);
        boolean deleted = tr.hasClass("hyodaiDel") || (link == null && history != null && history.endsWith("削除"));

        if (deleted) {
            return new ListedRow.Withdrawn(at, code, name, titleWithoutStruck(titleCell), history);
        }
        if (link == null) {
            return new ListedRow.Rejected(at, code, name, titleWithoutStruck(titleCell), null,
                    "no document link and not marked deleted");
        }
        String title = titleWithoutStruck(link);
        String href = link.attr("href");
        String stem = stripAscii(href);
        Matcher dm = DOCUMENT_LINK.matcher(stem);
        if (!dm.matches()) {
            return new ListedRow.Rejected(at, code, name, title, href, rejection(stem));
        }
        DisclosureId id = DisclosureId.of(dm.group(1));
        return new ListedRow.Linked(new Disclosure(id, date, at, code, name, title, previousTitle, exchanges,
                history, origin.pdf(id).toString(), xbrlUrl(tr, origin)));
    }

    /** Why a link is not a relative {@code <18 digits>.pdf}, in the words an operator needs. */
    static String rejection(String href) {
        String lower = href.toLowerCase(Locale.ROOT);
        if (href.isEmpty()) return "empty link";
        if (lower.startsWith("javascript:")) return "javascript: link";
        if (SCHEME.matcher(href).find()) return "absolute URL, not a relative document link";
        if (href.startsWith("//")) return "protocol-relative URL (another host)";
        if (href.contains("?")) return "link with a query string";
        if (href.contains("#")) return "link with a fragment";
        if (href.contains("..")) return "relative path leaving the list directory";
        if (href.contains("/") || href.contains("\\")) return "path, not a bare document name";
        if (lower.endsWith(".pdf")) return "document id is not 18 digits";
        return "not a .pdf link";
    }

    private static String previousTitle(Element titleCell) {
        Element struck = titleCell.selectFirst("s");
        return struck == null ? null : blankToNull(struck.text().strip());
    }

    /** The element's text without any struck-through (previous) title inside it. */
    private static String titleWithoutStruck(Element el) {
        if (el.selectFirst("s") == null) return el.text().strip();
        Element copy = el.clone();
        copy.select("s").remove();
        return copy.text().strip();
    }

    private static String xbrlUrl(Element tr, TdnetOrigin origin) {
        Element a = tr.selectFirst("td.kjXbrl a[href]");
        if (a == null) return null;
        String href = stripAscii(a.attr("href"));
        if (href.isEmpty()) return null;
        try {
            URI resolved = origin.base().resolve(href);
            // Only a link into the origin is recorded; anything else is not TDnet's XBRL.
            return origin.contains(resolved) ? resolved.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Cell text with ASCII and U+3000 padding removed ({@code strip()}, not {@code trim()}). */
    private static String cell(Element tr, String cls) {
        return tr.selectFirst("td." + cls).text().strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Browsers drop leading/trailing ASCII whitespace of an href; so do we, and nothing else. */
    private static String stripAscii(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && s.charAt(b) <= ' ') b++;
        while (e > b && s.charAt(e - 1) <= ' ') e--;
        return s.substring(b, e);
    }

    private static String titleHint(Document doc) {
        String t = doc.title();
        return t == null || t.isBlank() ? "" : "; page title '" + clip(t) + "'";
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
