package io.tdnet.ledger;

import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import java.util.List;

/**
 * What an accepted list of one date means for its execution: the disclosures still to fetch, those
 * already archived by an earlier execution, and the rejected rows (failed at once, never fetched).
 * listed = pending + alreadyPresent + rejected; banner_total = listed + withdrawn. Rejected rows are
 * numbered among identical ones ({@link RejectedRow#numbered}), so each has its own outcome row.
 */
public record ListingPlan(
        int bannerTotal,
        int withdrawn,
        List<Disclosure> pending,
        List<DisclosureId> alreadyPresent,
        List<RejectedRow> rejected) {

    public ListingPlan {
        pending = List.copyOf(pending);
        alreadyPresent = List.copyOf(alreadyPresent);
        rejected = RejectedRow.numbered(rejected); // identical rows must not share one reason row
    }

    public int listed() {
        return pending.size() + alreadyPresent.size() + rejected.size();
    }
}
