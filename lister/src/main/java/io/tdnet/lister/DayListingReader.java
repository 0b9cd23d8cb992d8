package io.tdnet.lister;

import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.Tdnet;
import io.tdnet.model.TdnetOrigin;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every list page of a date and accepts the read only when it accounts for every row the banner
 * counts: distinct ids + withdrawn rows + rejected rows = the latest banner total seen.
 *
 * <p>The page count comes from the banner (⌈total / 100⌉), never from the pager, and grows within a pass
 * when a later page's banner shows more rows. New disclosures are inserted at the top while a busy day is
 * read, so rows slide down and a pass can see a row twice (ids are deduplicated; rows without an id are
 * counted by their highest multiplicity on any single page) and misses the rows inserted after its page
 * 1. Such a pass does not add up, and the day is read again, all pages, up to {@code maxPasses} times.
 * A pass that adds up on its own is accepted as it is; otherwise the union of all passes (ids are a set,
 * rows without id again by highest multiplicity on a single page, so nothing is counted twice) is
 * accepted if it adds up. TDnet keeps deleted rows (as {@code hyodaiDel}), so a banner total that
 * shrinks during a pass means rows left the list and others may have slid up past the reader: that pass
 * is not accepted, nor a union over passes whose totals shrank. Anything else is a
 * {@link ListingFailedException}: a partial read is never a success.
 *
 * <p>Thread-safe if its page source is.
 */
public final class DayListingReader {
    private static final Logger log = LoggerFactory.getLogger(DayListingReader.class);
    public static final int DEFAULT_MAX_PASSES = 3;
    private static final int ROWS = Tdnet.ROWS_PER_PAGE;

    private final ListPageSource source;
    private final ListPageParser parser;
    private final TdnetOrigin origin;
    private final int maxPasses;

    /**
     * @param origin the origin the pages come from (document URLs are built against it)
     * @param maxPasses how many times the whole day may be read before the read fails (≥ 1)
     */
    public DayListingReader(ListPageSource source, ListPageParser parser, TdnetOrigin origin, int maxPasses) {
        this.source = Objects.requireNonNull(source, "source");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.origin = Objects.requireNonNull(origin, "origin");
        if (maxPasses < 1) throw new IllegalArgumentException("maxPasses must be >= 1: " + maxPasses);
        this.maxPasses = maxPasses;
    }

    /** A reader over TDnet through {@code client}, with {@link #DEFAULT_MAX_PASSES}. */
    public DayListingReader(TdnetPageClient client) {
        this(client, new ListPageParser(), client.origin(), DEFAULT_MAX_PASSES);
    }

    /**
     * Reads the whole day.
     *
     * @return the complete listing (total 0 and empty lists for the empty-day page)
     * @throws ListingFailedException OUT_OF_WINDOW when page 1 answers 404; MALFORMED for a page that is
     *     not a trustworthy list page or shows another date; INCOMPLETE when a promised page is missing or
     *     the rows never add up to the banner; FETCH_FAILED when a page cannot be fetched
     */
    public DayListing read(LocalDate date) throws ListingFailedException, InterruptedException {
        Objects.requireNonNull(date, "date");
        long started = System.nanoTime();
        Tally merged = new Tally();
        int pagesRead = 0;
        int latestTotal = 0;
        int highestTotal = 0;
        for (int passNo = 1; passNo <= maxPasses; passNo++) {
            Tally pass = new Tally();
            ListPage first = page(date, 1);
            pagesRead++;
            if (first.emptyDay()) {
                if (passNo == 1) {
                    log.info("{}: empty day (page 1 is the empty-day page)", date);
                    return new DayListing(date, 0, List.of(), List.of(), List.of(), pagesRead, passNo);
                }
                throw new ListingFailedException(ListingFailedException.Kind.INCOMPLETE, date, date
                        + ": page 1 turned into the empty-day page on pass " + passNo + " after earlier passes saw "
                        + merged.count() + " rows", null);
            }
            latestTotal = first.banner().total();
            // TDnet keeps deleted rows (hyodaiDel), so the total only grows. A total that shrinks means
            // rows left the list and others slid up, possibly past us: such a pass proves nothing.
            boolean shrank = false;
            highestTotal = Math.max(highestTotal, latestTotal);
            pass.add(first);
            int pages = first.banner().pageCount(ROWS);
            for (int k = 2; k <= pages; k++) {
                ListPage page = laterPage(date, k, latestTotal, pages);
                pagesRead++;
                int total = page.banner().total();
                shrank |= total < latestTotal;
                latestTotal = total;
                highestTotal = Math.max(highestTotal, total);
                // Rows arriving while we read push the last rows onto a new page: follow them.
                pages = Math.max(pages, page.banner().pageCount(ROWS));
                pass.add(page);
            }
            merged.absorb(pass);
            if (!shrank && pass.count() == latestTotal) {
                return accept(date, latestTotal, pass, pagesRead, passNo, started);
            }
            if (highestTotal == latestTotal && merged.count() == latestTotal) {
                return accept(date, latestTotal, merged, pagesRead, passNo, started);
            }
            log.info("{}: pass {} of {} does not add up ({}; all passes together {}); banner says {}{}",
                    date, passNo, maxPasses, pass.describe(), merged.describe(), latestTotal,
                    shrank ? " and shrank while it was read" : "");
        }
        throw new ListingFailedException(ListingFailedException.Kind.INCOMPLETE, date,
                String.format(Locale.ROOT, "%s: read %s, banner says %,d after %d passes",
                        date, merged.describe(), latestTotal, maxPasses), null);
    }

    private DayListing accept(LocalDate date, int total, Tally tally, int pagesRead, int passes, long started) {
        DayListing listing = new DayListing(date, total, new ArrayList<>(tally.disclosures.values()),
                tally.withdrawn.rows(), tally.rejected.rows(), pagesRead, passes);
        log.info("{}: read {} rows ({}) from {} pages in {} pass(es), {} ms", date, total, tally.describe(),
                pagesRead, passes, (System.nanoTime() - started) / 1_000_000);
        return listing;
    }

    private ListPage laterPage(LocalDate date, int k, int total, int pages)
            throws ListingFailedException, InterruptedException {
        URI url = source.url(date, k);
        PageResponse response = fetch(date, k, url);
        if (response instanceof PageResponse.NotFound) {
            throw new ListingFailedException(ListingFailedException.Kind.INCOMPLETE, date, String.format(Locale.ROOT,
                    "%s: page %d (%s) answered 404 but the banner says %,d rows (%d pages)", date, k, url, total, pages), null);
        }
        ListPage page = parse(date, k, url, ((PageResponse.Found) response).body());
        if (page.emptyDay()) {
            throw new ListingFailedException(ListingFailedException.Kind.INCOMPLETE, date, String.format(Locale.ROOT,
                    "%s: page %d (%s) is the empty-day page but the banner says %,d rows (%d pages)", date, k, url, total, pages), null);
        }
        return page;
    }

    private ListPage page(LocalDate date, int k) throws ListingFailedException, InterruptedException {
        URI url = source.url(date, k);
        PageResponse response = fetch(date, k, url);
        if (response instanceof PageResponse.NotFound) {
            throw new ListingFailedException(ListingFailedException.Kind.OUT_OF_WINDOW, date,
                    date + " is outside TDnet's window (page 1 answered 404: " + url + ")", null);
        }
        return parse(date, k, url, ((PageResponse.Found) response).body());
    }

    private PageResponse fetch(LocalDate date, int k, URI url) throws ListingFailedException, InterruptedException {
        try {
            return source.fetch(date, k);
        } catch (PageFetchException e) {
            throw new ListingFailedException(ListingFailedException.Kind.FETCH_FAILED, date,
                    date + ": page " + k + " could not be read: " + e.getMessage(), e);
        }
    }

    private ListPage parse(LocalDate date, int k, URI url, byte[] body) throws ListingFailedException {
        ListPage page;
        try {
            page = parser.parse(body, origin);
        } catch (MalformedPageException e) {
            throw malformed(date, k, url, e.reason(), e);
        }
        if (!page.date().equals(date)) {
            throw malformed(date, k, url, "it shows the date " + page.date() + ", not the requested " + date, null);
        }
        if (!page.emptyDay()) {
            Banner b = page.banner();
            int from = (k - 1) * ROWS + 1;
            int to = Math.min(k * ROWS, b.total());
            if (b.from() != from || b.to() != to) {
                throw malformed(date, k, url, "its banner says rows " + b.from() + "～" + b.to() + " of "
                        + b.total() + " where page " + k + " holds rows " + from + "～" + to, null);
            }
        }
        return page;
    }

    private static ListingFailedException malformed(LocalDate date, int k, URI url, String reason, Throwable cause) {
        return new ListingFailedException(ListingFailedException.Kind.MALFORMED, date,
                date + ": page " + k + " (" + url + ") is malformed: " + reason, cause);
    }

    /** What one pass (or the union of passes) saw, counted so that nothing is counted twice. */
    private static final class Tally {
        final LinkedHashMap<DisclosureId, Disclosure> disclosures = new LinkedHashMap<>();
        final Multiplicity<ListedRow.Withdrawn> withdrawn = new Multiplicity<>();
        final Multiplicity<ListedRow.Rejected> rejected = new Multiplicity<>();

        void add(ListPage page) {
            List<ListedRow.Withdrawn> w = new ArrayList<>();
            List<ListedRow.Rejected> r = new ArrayList<>();
            for (ListedRow row : page.rows()) {
                if (row instanceof ListedRow.Linked l) {
                    disclosures.putIfAbsent(l.disclosure().disclosureId(), l.disclosure());
                } else if (row instanceof ListedRow.Withdrawn x) {
                    w.add(x);
                } else if (row instanceof ListedRow.Rejected x) {
                    r.add(x);
                }
            }
            withdrawn.addPage(w);
            rejected.addPage(r);
        }

        /** Union with a later pass: ids keep their first-seen place and take the later pass's data. */
        void absorb(Tally later) {
            disclosures.putAll(later.disclosures);
            withdrawn.absorb(later.withdrawn);
            rejected.absorb(later.rejected);
        }

        int count() {
            return disclosures.size() + withdrawn.size() + rejected.size();
        }

        String describe() {
            return String.format(Locale.ROOT, "%,d distinct disclosures + %,d withdrawn + %,d rejected",
                    disclosures.size(), withdrawn.size(), rejected.size());
        }
    }

    /**
     * Rows without an id, identified by all their fields. A row sliding from page k to k+1 is seen once
     * on each page, while two identical rows on one page are two rows: so a row counts as many times as
     * it occurs on the one page where it occurs most.
     */
    private static final class Multiplicity<T> {
        private final Map<T, List<T>> byKey = new LinkedHashMap<>();

        void addPage(List<T> rowsOfOnePage) {
            Map<T, List<T>> page = new LinkedHashMap<>();
            for (T row : rowsOfOnePage) page.computeIfAbsent(row, x -> new ArrayList<>()).add(row);
            page.forEach(this::raiseTo);
        }

        void absorb(Multiplicity<T> other) {
            other.byKey.forEach(this::raiseTo);
        }

        private void raiseTo(T key, List<T> instances) {
            List<T> kept = byKey.computeIfAbsent(key, x -> new ArrayList<>());
            for (int i = kept.size(); i < instances.size(); i++) kept.add(instances.get(i));
        }

        int size() {
            return byKey.values().stream().mapToInt(List::size).sum();
        }

        List<T> rows() {
            List<T> all = new ArrayList<>();
            byKey.values().forEach(all::addAll);
            return all;
        }
    }
}
