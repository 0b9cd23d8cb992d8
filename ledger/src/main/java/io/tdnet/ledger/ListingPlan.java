package io.tdnet.ledger;

import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import java.util.List;

/**
 * What an accepted list of one date means for its execution: the disclosures still to fetch, those
 * already archived by an earlier execution, and the rejected rows (failed at once, never fetched).
 * listed = pending + alreadyPresent + rejected; banner_total = listed + withdrawn.
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
        rejected = List.copyOf(rejected);
    }

    public int listed() {
        return pending.size() + alreadyPresent.size() + rejected.size();
    }
}
