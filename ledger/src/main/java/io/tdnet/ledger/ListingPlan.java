package io.tdnet.ledger;

import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    /**
     * The plan's rows that {@code planned} (entry keys an interrupted attempt recorded) does not hold
     * yet, in chunks of at most {@link PlanChunk#MAX_ROWS}: pending first, so downloads start early.
     */
    public List<PlanChunk> chunksWithout(Set<String> planned) {
        List<PlanChunk> chunks = new ArrayList<>();
        var open = new Object() {
            List<Disclosure> pending = new ArrayList<>();
            List<DisclosureId> present = new ArrayList<>();
            List<InFlight> inFlight = new ArrayList<>();
            List<RejectedRow> rejected = new ArrayList<>();

            int size() {
                return pending.size() + present.size() + inFlight.size() + rejected.size();
            }

            void closeInto(List<PlanChunk> out) {
                if (size() == 0) return;
                out.add(new PlanChunk(pending, present, inFlight, rejected));
                pending = new ArrayList<>();
                present = new ArrayList<>();
                inFlight = new ArrayList<>();
                rejected = new ArrayList<>();
            }
        };
        Runnable closeIfFull = () -> {
            if (open.size() == PlanChunk.MAX_ROWS) open.closeInto(chunks);
        };
        for (Disclosure d : pending) {
            if (planned.contains(PlanChunk.entryOf(d.disclosureId()))) continue;
            open.pending.add(d);
            closeIfFull.run();
        }
        for (DisclosureId id : alreadyPresent) {
            if (planned.contains(PlanChunk.entryOf(id))) continue;
            open.present.add(id);
            closeIfFull.run();
        }
        for (InFlight f : inFlight) {
            if (planned.contains(PlanChunk.entryOf(f.id()))) continue;
            open.inFlight.add(f);
            closeIfFull.run();
        }
        for (RejectedRow r : rejected) {
            if (planned.contains(r.entryKey())) continue;
            open.rejected.add(r);
            closeIfFull.run();
        }
        open.closeInto(chunks);
        return chunks;
    }

    public int listed() {
        return pending.size() + alreadyPresent.size() + inFlight.size() + rejected.size();
    }
}
