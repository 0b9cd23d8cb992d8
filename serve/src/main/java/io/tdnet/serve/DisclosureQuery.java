package io.tdnet.serve;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One validated {@code GET /api/disclosures} request: a date window ({@code date=} or {@code from=&to=},
 * at most {@link #MAX_DAYS} days) and/or a company code, an optional text filter, the page size and
 * where the page starts.
 *
 * @param from    first date of the window, or null (a company's whole history)
 * @param to      last date of the window, or null with {@code from}
 * @param code    the 5-character securities code, or null
 * @param q       the NFKC-normalised, lower-cased text filter, or null
 * @param limit   rows on the page, 1 to {@link #MAX_LIMIT}
 * @param after   the index sort key the page continues after (from the cursor), or null for the first page
 */
public record DisclosureQuery(LocalDate from, LocalDate to, String code, String q, int limit, String after) {
    public static final Set<String> PARAMETERS = Set.of("date", "from", "to", "code", "q", "limit", "cursor");
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;
    /** The longest date window, in days, both ends included. */
    public static final int MAX_DAYS = 366;
    /** The longest text filter, in characters (after normalisation). */
    public static final int MAX_Q = 100;

    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{4,5}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    // strict: 2026-02-30 is refused, not moved to March
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    /** Reads and checks the parameters; every problem is a {@link BadRequestException}. */
    public static DisclosureQuery parse(QueryParameters p) {
        LocalDate from = null;
        LocalDate to = null;
        if (p.get("date").isPresent()) {
            if (p.get("from").isPresent() || p.get("to").isPresent()) {
                throw new BadRequestException("give date= or from= and to=, not both");
            }
            from = to = date("date", p.get("date").get());
        } else if (p.get("from").isPresent() || p.get("to").isPresent()) {
            if (p.get("from").isEmpty() || p.get("to").isEmpty()) throw new BadRequestException("from= and to= go together");
            from = date("from", p.get("from").get());
            to = date("to", p.get("to").get());
            if (to.isBefore(from)) throw new BadRequestException("to= is before from=");
            if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
                throw new BadRequestException("a range covers at most " + MAX_DAYS + " days");
            }
        }
        String code = p.get("code").map(DisclosureQuery::code).orElse(null);
        if (from == null && code == null) throw new BadRequestException("give date=, from= and to=, or code=");
        String q = p.get("q").map(DisclosureQuery::normalise).orElse(null);
        if (q != null && q.length() > MAX_Q) throw new BadRequestException("q= is longer than " + MAX_Q + " characters");
        if (q != null && q.isBlank()) throw new BadRequestException("q= is blank");
        int limit = p.get("limit").map(DisclosureQuery::limit).orElse(DEFAULT_LIMIT);
        DisclosureQuery query = new DisclosureQuery(from, to, code, q, limit, null);
        return p.get("cursor").map(c -> query.after(PageCursor.decode(c, query))).orElse(query);
    }

    /** The same query continuing after {@code sortKey}. */
    public DisclosureQuery after(String sortKey) {
        return new DisclosureQuery(from, to, code, q, limit, sortKey);
    }

    /** What a cursor is bound to: everything but the page size and position. */
    String identity() {
        return from + "|" + to + "|" + code + "|" + q;
    }

    /**
     * A securities code as stored: 5 characters {@code [0-9A-Z]}; 4 characters are the usual short form,
     * the 5-character code with a trailing 0 ({@code 7203} = {@code 72030}).
     */
    public static String code(String raw) {
        if (!CODE.matcher(raw).matches()) throw new BadRequestException("code= wants 4 or 5 characters [0-9A-Z], e.g. 7203 or 130A0");
        return raw.length() == 4 ? raw + "0" : raw;
    }

    /** The text match rule, applied alike to the filter and to titles and names: NFKC, then lower case. */
    public static String normalise(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    static LocalDate date(String name, String raw) {
        if (!DATE.matcher(raw).matches()) throw new BadRequestException(name + "= wants YYYY-MM-DD");
        try {
            return LocalDate.parse(raw, ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + "= is not a calendar date: " + raw);
        }
    }

    private static int limit(String raw) {
        int limit;
        try {
            limit = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new BadRequestException("limit= wants a whole number from 1 to " + MAX_LIMIT);
        }
        if (limit < 1 || limit > MAX_LIMIT) throw new BadRequestException("limit= wants a whole number from 1 to " + MAX_LIMIT);
        return limit;
    }
}
