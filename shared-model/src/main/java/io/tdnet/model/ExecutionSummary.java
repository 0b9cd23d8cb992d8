package io.tdnet.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The {@code #SUMMARY} row of an execution. Counters are exact: they move only with an outcome.
 * {@code inFlight} counts listed disclosures that an earlier, still unsettled execution of the same
 * date had already queued: that execution accounts for them, this one does not enqueue them again.
 */
public record ExecutionSummary(
        String executionId,
        LocalDate targetDate,
        ExecutionStatus status,
        String reason,
        Long bannerTotal,
        long listed,
        long withdrawn,
        long stored,
        long alreadyPresent,
        long inFlight,
        long failed,
        OffsetDateTime startedAt,
        OffsetDateTime updatedAt,
        OffsetDateTime finishedAt,
        XbrlCounts xbrl) {

    /**
     * The XBRL outcomes of an execution run with XBRL: one per disclosure with an XBRL link whose PDF
     * is stored or already present in it (a disclosure whose PDF failed is one failure, in {@code failed}).
     */
    public record XbrlCounts(long stored, long alreadyPresent, long failed) {
        public static final XbrlCounts NONE = new XbrlCounts(0, 0, 0);

        public long total() {
            return stored + alreadyPresent + failed;
        }
    }

    public ExecutionSummary {
        if (xbrl == null) xbrl = XbrlCounts.NONE;
    }

    /** Without XBRL outcomes (an execution run without XBRL). */
    public ExecutionSummary(String executionId, LocalDate targetDate, ExecutionStatus status, String reason,
                            Long bannerTotal, long listed, long withdrawn, long stored, long alreadyPresent,
                            long inFlight, long failed, OffsetDateTime startedAt, OffsetDateTime updatedAt,
                            OffsetDateTime finishedAt) {
        this(executionId, targetDate, status, reason, bannerTotal, listed, withdrawn, stored, alreadyPresent, inFlight,
                failed, startedAt, updatedAt, finishedAt, XbrlCounts.NONE);
    }

    /** Settled with failures: a disclosure failed, or a stored disclosure's XBRL did. */
    public boolean hasFailures() {
        return failed > 0 || xbrl.failed() > 0;
    }

    /** Every listed disclosure has an outcome: listed = stored + already_present + in_flight + failed (docs/ARCHITECTURE.md invariant 1). */
    public boolean allAccountedFor() {
        return stored + alreadyPresent + inFlight + failed == listed;
    }

    public long pending() {
        return listed - stored - alreadyPresent - inFlight - failed;
    }
}
