package io.tdnet.lister;

import io.tdnet.model.Disclosure;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A day read completely: {@code disclosures.size() + withdrawn.size() + rejected.size() == bannerTotal}
 * (the constructor enforces it, so a partial read cannot be represented).
 *
 * @param bannerTotal the latest banner total seen (0 for the empty-day page)
 * @param disclosures distinct by id, in first-seen order
 * @param pagesRead list pages fetched over all passes
 * @param passes read passes over the day (more than 1 when rows moved while it was read)
 */
public record DayListing(LocalDate date, int bannerTotal, List<Disclosure> disclosures,
                         List<ListedRow.Withdrawn> withdrawn, List<ListedRow.Rejected> rejected,
                         int pagesRead, int passes) {
    public DayListing {
        Objects.requireNonNull(date, "date");
        disclosures = List.copyOf(disclosures);
        withdrawn = List.copyOf(withdrawn);
        rejected = List.copyOf(rejected);
        long distinct = disclosures.stream().map(Disclosure::disclosureId).distinct().count();
        if (distinct != disclosures.size()) {
            throw new IllegalArgumentException("disclosures must be distinct by id");
        }
        if (disclosures.size() + withdrawn.size() + rejected.size() != bannerTotal) {
            throw new IllegalArgumentException("a DayListing accounts for every row of the banner: "
                    + disclosures.size() + " + " + withdrawn.size() + " + " + rejected.size() + " != " + bannerTotal);
        }
    }

    /** Rows with a link (valid or rejected): what docs/ARCHITECTURE.md calls "listed". */
    public int listed() {
        return disclosures.size() + rejected.size();
    }
}
