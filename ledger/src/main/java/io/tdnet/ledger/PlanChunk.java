package io.tdnet.ledger;

import io.tdnet.model.Attributes;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import java.util.ArrayList;
import java.util.List;

/**
 * A slice of a date's accepted list, planned and enqueued before the next slice is looked at, so that
 * downloads start on the first slice (docs/ARCHITECTURE.md invariant 2). Small enough that its rows,
 * the summary's counter update and the lease's fence fit one {@code TransactWriteItems}: the counters
 * move with exactly the rows they count. Rejected rows come numbered over the whole list
 * ({@link RejectedRow#numbered}); a chunk does not renumber them.
 */
public record PlanChunk(List<Disclosure> pending, List<DisclosureId> alreadyPresent, List<ListingPlan.InFlight> inFlight,
                        List<RejectedRow> rejected) {
    /** 100 items per transaction, less the fence and the counter update. */
    public static final int MAX_ROWS = 98;

    public PlanChunk {
        pending = List.copyOf(pending);
        alreadyPresent = List.copyOf(alreadyPresent);
        inFlight = List.copyOf(inFlight);
        rejected = List.copyOf(rejected);
        // the fields are assigned after this body: count the parameters
        int size = pending.size() + alreadyPresent.size() + inFlight.size() + rejected.size();
        if (size > MAX_ROWS) throw new IllegalArgumentException("a plan chunk holds at most " + MAX_ROWS + " rows: " + size);
    }

    public int size() {
        return pending.size() + alreadyPresent.size() + inFlight.size() + rejected.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The outcome row key of a listed disclosure. */
    public static String entryOf(DisclosureId id) {
        return Attributes.OUTCOME_PREFIX + id.value();
    }

    /** Rejected rows in chunks of at most {@link #MAX_ROWS}, in order. */
    public static List<PlanChunk> ofRejected(List<RejectedRow> rows) {
        List<PlanChunk> chunks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += MAX_ROWS) {
            chunks.add(new PlanChunk(List.of(), List.of(), List.of(), rows.subList(i, Math.min(i + MAX_ROWS, rows.size()))));
        }
        return chunks;
    }
}
