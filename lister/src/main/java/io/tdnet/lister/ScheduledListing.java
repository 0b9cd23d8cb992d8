package io.tdnet.lister;

import io.tdnet.model.Tdnet;
import io.tdnet.telemetry.EmfMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of the lister Lambda: today in JST, or the date asked for ({@code {"detail": {"date":
 * "2026-02-13"}}} for a manual backfill), through the same {@link DisclosureLister} the CLI runs; its
 * metrics flushed once per run. While an execution of that date is RUNNING the run leaves it alone
 * (its downloads are still being paced); the next scheduled run picks the date up again.
 */
public final class ScheduledListing {
    private final DisclosureLister lister;
    private final Clock clock;
    private final EmfMetrics metrics;

    public ScheduledListing(DisclosureLister lister, Clock clock, EmfMetrics metrics) {
        this.lister = lister;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Lists {@code requestedDate} (ISO date), or today in JST when null; returns the Lambda's response. */
    public Map<String, Object> run(String requestedDate) throws InterruptedException {
        long started = System.nanoTime();
        try {
            LocalDate date = targetDate(requestedDate);
            ListingResult result = lister.list(date);
            if (result.accepted()) {
                if (result.listedNow()) metrics.listed(result.summary().listed()); // once per execution
                metrics.enqueued(result.enqueued());
                // a re-run of a day finds what earlier executions stored: counted here, they never reach the persister
                if (result.summary().alreadyPresent() > 0) metrics.alreadyPresent(result.summary().alreadyPresent());
            } else {
                // a listing failure ends the execution here; a settled one is counted by the ledger that settled it
                metrics.executionFinished(result.summary().status(), Duration.ofNanos(System.nanoTime() - started));
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("date", date.toString());
            response.put("execution_id", result.summary().executionId());
            response.put("status", result.summary().status().name());
            response.put("listed", result.summary().listed());
            response.put("already_present", result.summary().alreadyPresent());
            response.put("in_flight", result.summary().inFlight());
            response.put("enqueued", result.enqueued());
            if (!result.accepted()) response.put("reason", result.failure());
            return response;
        } finally {
            metrics.flush(); // one EMF flush per invocation, also when it throws
        }
    }

    LocalDate targetDate(String requestedDate) {
        return requestedDate == null ? LocalDate.now(clock.withZone(Tdnet.JST)) : LocalDate.parse(requestedDate);
    }
}
