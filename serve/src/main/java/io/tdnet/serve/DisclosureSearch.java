package io.tdnet.serve;

import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.ledger.DisclosureArchive.IndexPage;
import io.tdnet.model.ArchivedDisclosure;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a {@link DisclosureQuery} through the archive's indexes, newest first: the company index when
 * a code is given (bounded by the window if there is one), else the date index date by date from the
 * window's last day back. Never a table scan.
 *
 * <p>The text filter {@code q} cannot be pushed into DynamoDB (NFKC is not a DynamoDB function), so rows
 * are read in index pages of {@value #FILTER_PAGE} and matched here, up to {@code examineCap} rows per
 * request; a page that reaches the cap ends early with a cursor to continue from the last row examined.
 */
public final class DisclosureSearch {
    /** Rows examined per request at most when {@code q} filters (the cost bound of a text search). */
    public static final int DEFAULT_EXAMINE_CAP = 5_000;
    static final int FILTER_PAGE = 250;

    private final DisclosureArchive archive;
    private final int examineCap;

    public DisclosureSearch(DisclosureArchive archive, int examineCap) {
        if (examineCap < 1) throw new IllegalArgumentException("examineCap must be positive");
        this.archive = archive;
        this.examineCap = examineCap;
    }

    /** Rows a text search may examine per request. */
    public int examineCap() {
        return examineCap;
    }

    /**
     * One page of results.
     *
     * @param nextCursor  the cursor of the next page, null when the query has nothing more
     * @param examined    index rows read for this page
     * @param capReached  the text filter stopped at the examine cap before the page was full
     */
    public record Result(List<ArchivedDisclosure> rows, String nextCursor, int examined, boolean capReached) {}

    public Result search(DisclosureQuery query) {
        List<ArchivedDisclosure> found = new ArrayList<>();
        int examined = 0;
        String lastExamined = query.after();
        String position = query.after();
        LocalDate day = query.code() != null ? null
                : position == null ? query.to() : LocalDate.parse(position.substring(0, 10));
        boolean more = true;
        boolean capReached = false;
        while (more && found.size() < query.limit()) {
            if (query.q() != null && examined >= examineCap) {
                capReached = true;
                break;
            }
            int want = query.q() == null ? query.limit() - found.size() : Math.min(FILTER_PAGE, examineCap - examined);
            IndexPage page = query.code() != null
                    ? archive.newestOfCompany(query.code(), query.from(), query.to(), position, want)
                    : archive.newestOnDate(day, position, want);
            int used = 0;
            for (ArchivedDisclosure row : page.rows()) {
                used++;
                examined++;
                lastExamined = position = DisclosureArchive.sortKey(row.disclosure());
                if (matches(row, query.q())) found.add(row);
                if (found.size() == query.limit()) break;
            }
            if (used == page.rows().size() && page.exhausted()) {
                if (query.code() != null || !day.isAfter(query.from())) {
                    more = false;
                } else {
                    day = day.minusDays(1);
                    position = null; // lastExamined still places a cursor on the later day, which it finishes at once
                }
            }
        }
        String next = more && lastExamined != null ? PageCursor.encode(query, lastExamined) : null;
        return new Result(found, next, examined, capReached);
    }

    static boolean matches(ArchivedDisclosure row, String q) {
        if (q == null) return true;
        return DisclosureQuery.normalise(row.disclosure().title()).contains(q)
                || DisclosureQuery.normalise(row.disclosure().companyName()).contains(q);
    }
}
