package io.tdnet.local;

import io.tdnet.lister.ListingResult;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.text.DisplayText;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Runs {@code collect} over one or more dates, one execution per date in order, and says how each
 * ended. The one collect path: {@code collect}, {@code demo} and the bench all run it.
 */
public final class Collector {
    private final LocalPipeline pipeline;
    private final PrintWriter out;
    private final CollectProgress progress;
    private final RunTelemetry telemetry;

    /** A collector that records no run telemetry (the bench measures the pipeline without it). */
    public Collector(LocalPipeline pipeline, PrintWriter out, CollectProgress progress) {
        this(pipeline, out, progress, RunTelemetry.NONE);
    }

    public Collector(LocalPipeline pipeline, PrintWriter out, CollectProgress progress, RunTelemetry telemetry) {
        this.pipeline = pipeline;
        this.out = out;
        this.progress = progress;
        this.telemetry = telemetry;
    }

    /** Collects each date in order; the worst day's outcome. */
    public DayOutcome collect(List<LocalDate> dates) throws InterruptedException {
        DayOutcome worst = DayOutcome.SETTLED;
        for (LocalDate date : dates) {
            worst = worst.worst(collect(date));
        }
        return worst;
    }

    public DayOutcome collect(LocalDate date) throws InterruptedException {
        try {
            return collectAndReport(date);
        } finally {
            org.slf4j.MDC.remove("execution_id");
        }
    }

    private DayOutcome collectAndReport(LocalDate date) throws InterruptedException {
        long started = System.nanoTime();
        pipeline.unsettled(date).ifPresent(e -> {
            out.printf("%s: continuing unsettled execution %s (%s)%n", date, e.executionId(), e.status());
            if (e.status() == ExecutionStatus.RUNNING) {
                out.printf("   messages the interrupted run held come back within their visibility timeout (about a minute);%n"
                        + "   what is still pending after the queues drain is sent again%n");
            }
        });
        progress.listing(date, pipeline.metrics());
        ListingResult listing;
        // the workers run while the lister plans: downloads start on its first chunk (pipelining)
        pipeline.startWorkers();
        try {
            // another lister holding the date's lease is named here, while this one waits for it
            listing = pipeline.list(date, notice -> {
                out.printf("%s%n", notice);
                out.flush();
            });
        } finally {
            progress.listed();
        }
        ExecutionSummary summary = listing.summary();
        org.slf4j.MDC.put("execution_id", summary.executionId()); // this thread's lines belong to the execution
        if (!listing.accepted()) {
            out.printf("%s: FAILED — %s%n", date, DisplayText.message(listing.failure())); // may quote the page
            out.printf("   execution %s recorded as FAILED; nothing was enqueued%n", summary.executionId());
            telemetry.ended(summary).ifPresent(report -> out.printf("   report: %s%n", report));
            return DayOutcome.INCOMPLETE;
        }
        out.printf("%s: execution %s — banner %,d: %,d listed (%,d to fetch, %,d already archived, %,d rejected), %,d withdrawn%n",
                date, summary.executionId(), summary.bannerTotal(), summary.listed(), listing.enqueued(),
                summary.alreadyPresent(), summary.failed() /* at listing time every failure is a rejected row */, summary.withdrawn());
        if (summary.inFlight() > 0) {
            out.printf("   %,d in flight: queued by an earlier execution of the date that is still running, not fetched again%n",
                    summary.inFlight());
        }
        progress.start(summary);
        telemetry.running(summary);
        summary = pipeline.runUntilSettled(summary.executionId(), progress::update);
        progress.finish(summary);
        ExecutionSummary ended = summary;
        telemetry.ended(summary).ifPresent(report -> out.printf("%s: report %s%n", ended.targetDate(), report));
        double seconds = Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0;
        out.printf("%s: %s — stored %,d · already present %,d · failed %,d of %,d listed, in %.1f s (%.1f disclosures/s)%n",
                date, summary.status(), summary.stored(), summary.alreadyPresent(), summary.failed(), summary.listed(),
                seconds, seconds > 0 ? (summary.stored() + summary.alreadyPresent()) / seconds : 0);
        if (summary.xbrl().total() > 0) {
            out.printf("   xbrl: stored %,d · already present %,d · failed %,d%n",
                    summary.xbrl().stored(), summary.xbrl().alreadyPresent(), summary.xbrl().failed());
        }
        if (summary.hasFailures()) {
            out.printf("   see the failures: tdnet status --date %s · recover them: tdnet dlq redrive --date %s%n", date, date);
        }
        DayOutcome outcome = DayOutcome.of(summary.status());
        if (outcome != DayOutcome.UNSETTLED) return outcome;
        out.printf("%s: not settled: %,d disclosures have no outcome yet; run the same command again to continue%n",
                date, summary.pending());
        return outcome;
    }
}
