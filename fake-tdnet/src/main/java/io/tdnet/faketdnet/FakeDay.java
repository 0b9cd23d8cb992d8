package io.tdnet.faketdnet;

import io.tdnet.model.DisclosureId;
import io.tdnet.model.Tdnet;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One day of the fake list: its rows in page order (the ground truth a lister must reproduce) and the
 * ways a test changes it while it is being read. Thread-safe: the server reads it while tests mutate it.
 */
public final class FakeDay {
    private final LocalDate date;
    private final RowFactory factory;
    private final DocumentStore store;
    private final List<FakeRow> rows = new ArrayList<>();
    private final Map<Integer, Integer> insertOnFirstRequest = new HashMap<>();

    FakeDay(LocalDate date, int disclosures, long seed, DocumentStore store) {
        if (disclosures < 0) throw new IllegalArgumentException("disclosures < 0");
        this.date = Objects.requireNonNull(date);
        this.store = store;
        this.factory = new RowFactory(date, seed, store);
        rows.addAll(factory.day(disclosures));
    }

    public LocalDate date() {
        return date;
    }

    /** Every row, in page order (page 1 first). */
    public synchronized List<FakeRow> rows() {
        return List.copyOf(rows);
    }

    /** The rows of one page (1-based), empty past the last page. */
    public synchronized List<FakeRow> page(int page) {
        int from = (page - 1) * Tdnet.ROWS_PER_PAGE;
        if (page < 1 || from >= rows.size()) return List.of();
        return List.copyOf(rows.subList(from, Math.min(rows.size(), from + Tdnet.ROWS_PER_PAGE)));
    }

    /** Ids of the rows with a valid link (NORMAL and RETITLED), in page order: what must end up stored. */
    public synchronized List<DisclosureId> ids() {
        return rows.stream().filter(FakeRow::hasValidLink).map(FakeRow::id).toList();
    }

    /** The row of that id (any kind), or null. */
    public synchronized FakeRow row(DisclosureId id) {
        return rows.stream().filter(r -> id.equals(r.id())).findFirst().orElse(null);
    }

    /** DELETED ({@code hyodaiDel}) rows. */
    public synchronized int withdrawnCount() {
        return (int) rows.stream().filter(r -> r.kind() == RowKind.DELETED).count();
    }

    /** REJECTED rows (bad links). */
    public synchronized int rejectedCount() {
        return (int) rows.stream().filter(r -> r.kind() == RowKind.REJECTED).count();
    }

    /** The banner's {@code 全N件}: every row, deleted and rejected ones included. */
    public synchronized int bannerTotal() {
        return rows.size();
    }

    /** ⌈bannerTotal / 100⌉; 0 for an empty day (whose page 1 is the empty-day page). */
    public synchronized int pageCount() {
        return (rows.size() + Tdnet.ROWS_PER_PAGE - 1) / Tdnet.ROWS_PER_PAGE;
    }

    /** The intraday increment: {@code n} new rows at the top, later than every row so far. Returns them. */
    public synchronized List<FakeRow> addDisclosures(int n) {
        if (n < 0) throw new IllegalArgumentException("n < 0");
        LocalTime top = rows.isEmpty() ? LocalTime.of(8, 0) : rows.get(0).time();
        LocalTime time = top.isBefore(LocalTime.of(23, 55)) ? top.plusMinutes(1 + n % 3) : LocalTime.of(23, 59);
        List<FakeRow> added = factory.newest(n, time);
        rows.addAll(0, added);
        return added;
    }

    /**
     * The first time {@code page} of this day is requested, {@code n} rows are inserted at the top before
     * it is served, so rows slide from one page to the next while a lister reads.
     */
    public synchronized void insertAtTopWhenPageRequested(int page, int n) {
        if (page < 1 || n < 1) throw new IllegalArgumentException("page and n must be >= 1");
        insertOnFirstRequest.put(page, n);
    }

    /**
     * Turns that row into a deleted {@code hyodaiDel} row in place (plain-text title, no link, history
     * {@code YYYY/MM/DD HH:MM 削除}); its PDF answers 404 from now on.
     */
    public synchronized FakeRow withdraw(DisclosureId id) {
        for (int i = 0; i < rows.size(); i++) {
            FakeRow r = rows.get(i);
            if (id.equals(r.id()) && r.hasValidLink()) {
                FakeRow deleted = r.withdrawn(factory.history(r.time(), "削除"));
                rows.set(i, deleted);
                store.withdraw(id);
                return deleted;
            }
        }
        throw new IllegalArgumentException("no linked row with id " + id + " on " + date);
    }

    /**
     * Adds a row whose title links to {@code href} verbatim (absolute URL to another host, {@code ../x.pdf},
     * {@code javascript:…}, {@code 12345.pdf}); it sits in the middle of the list and counts in the banner.
     */
    public synchronized FakeRow addRejectedRow(String href) {
        Objects.requireNonNull(href);
        int at = rows.size() / 2;
        LocalTime time = rows.isEmpty() ? LocalTime.of(15, 0) : rows.get(at < rows.size() ? at : rows.size() - 1).time();
        FakeRow row = factory.rejected(href, time);
        rows.add(at, row);
        return row;
    }

    /** Server side: fires a pending insertion for this page, then returns the rows to render. */
    synchronized List<FakeRow> rowsForRequestOf(int page) {
        Integer n = insertOnFirstRequest.remove(page);
        if (n != null) addDisclosures(n);
        return List.copyOf(rows);
    }
}
