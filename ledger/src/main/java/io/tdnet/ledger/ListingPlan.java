package io.tdnet.ledger;

import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import java.util.List;

/**
 * What an accepted list of one date means for its execution: the disclosures still to fetch, those
 * already archived by an earlier execution, those an earlier unsettled execution of the date has queued
 * and will account for (in flight, never enqueued twice), and the rejected rows (failed at once, never
 * fetched). listed = pending + alreadyPresent + inFlight + rejected; banner_total = listed + withdrawn.
 * Rejected rows are numbered among identical ones ({@link RejectedRow#numbered}), so each has its own
 * outcome row.
 */
public record ListingPlan(
        int bannerTotal,
        int withdrawn,
        List<Disclosure> pending,
        List<DisclosureId> alreadyPresent,
        List<InFlight> inFlight,
        List<RejectedRow> rejected) {

    /** A listed disclosure that {@code queuedBy}, an earlier unsettled execution, has queued already. */
    public record InFlight(DisclosureId id, String queuedBy) {}

    public ListingPlan {
        pending = List.copyOf(pending);
        alreadyPresent = List.copyOf(alreadyPresent);
        inFlight = List.copyOf(inFlight);
        rejected = RejectedRow.numbered(rejected); // identical rows must not share one reason row
    }

    /** A plan with nothing in flight (the first execution of a date). */
    public ListingPlan(int bannerTotal, int withdrawn, List<Disclosure> pending, List<DisclosureId> alreadyPresent,
                       List<RejectedRow> rejected) {
        this(bannerTotal, withdrawn, pending, alreadyPresent, List.of(), rejected);
    }

    public int listed() {
        return pending.size() + alreadyPresent.size() + inFlight.size() + rejected.size();
    }
}
