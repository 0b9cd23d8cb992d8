package io.tdnet.lister;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One parsed TDnet list page.
 *
 * @param date the date the page shows in {@code #kaiji-date-1}
 * @param banner the {@code div.kaijiSum} banner; null only on the empty-day page
 * @param emptyDay true for the "no disclosures on this day" page (no table, no banner, no rows)
 * @param rows every data row of {@code table#main-list-table}, in page order
 */
public record ListPage(LocalDate date, Banner banner, boolean emptyDay, List<ListedRow> rows) {
    public ListPage {
        Objects.requireNonNull(date, "date");
        rows = List.copyOf(rows);
        if (emptyDay != (banner == null)) {
            throw new IllegalArgumentException("a banner is absent exactly on the empty-day page");
        }
    }

    static ListPage empty(LocalDate date) {
        return new ListPage(date, null, true, List.of());
    }
}
