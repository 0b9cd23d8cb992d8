package io.tdnet.cli.view;

import io.tdnet.model.ExecutionSummary;
import io.tdnet.telemetry.InMemoryMetrics;
import io.tdnet.local.CollectProgress;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows an execution's progress while it runs: a line rewritten in place on a terminal, periodic
 * plain lines otherwise (CI, pipes), so logs stay readable. While the list is read it shows the pages
 * read so far; then stored/failed of listed, the rate and the ETA.
 */
public final class ProgressPrinter implements CollectProgress {
    private final PrintWriter out;
    private final boolean terminal;
    private final long intervalNanos;
    private long startedNanos;
    private long lastPrintNanos;
    private long startDone;

    /** @param terminal rewrite one line in place (a console) rather than print a line every interval */
    public ProgressPrinter(PrintWriter out, boolean terminal, long intervalMillis) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    public static ProgressPrinter forConsole(PrintWriter out) {
        boolean terminal = System.console() != null;
        return new ProgressPrinter(out, terminal, terminal ? 200 : 5_000);
    }

    private ScheduledExecutorService listingTicker;
    private long lastPagesShown = -1;

    /** The list of {@code date} is being read: shows the pages read so far, every interval, until {@link #listed()}. */
    @Override
    public synchronized void listing(LocalDate date, InMemoryMetrics metrics) {
        long pagesBefore = metrics.snapshot().pagesRead();
        lastPagesShown = -1;
        listingTicker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, intervalNanos / 1_000_000);
        listingTicker.scheduleAtFixedRate(() -> showPages(date, metrics.snapshot().pagesRead() - pagesBefore),
                every, every, TimeUnit.MILLISECONDS);
    }

    private synchronized void showPages(LocalDate date, long pages) {
        if (pages == lastPagesShown) return;
        lastPagesShown = pages;
        show(String.format("  listing %s: %,d list page%s read", date, pages, pages == 1 ? "" : "s"));
    }

    /** On a terminal the line overwrites the last one; elsewhere (a log, a pipe) each is a line of its own. */
    private void show(String line) {
        if (terminal) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** The list has been read (or failed): the page counter stops. */
    @Override
    public synchronized void listed() {
        if (listingTicker == null) return;
        listingTicker.shutdownNow();
        listingTicker = null;
        if (terminal && lastPagesShown >= 0) {
            out.println();
            out.flush();
        }
    }

    @Override
    public void start(ExecutionSummary summary) {
        startedNanos = System.nanoTime();
        lastPrintNanos = startedNanos;
        startDone = done(summary);
    }

    @Override
    public void update(ExecutionSummary s) {
        long now = System.nanoTime();
        if (now - lastPrintNanos < intervalNanos) return;
        lastPrintNanos = now;
        show(line(s, now));
    }

    @Override
    public void finish(ExecutionSummary s) {
        if (terminal) {
            out.print("\r" + line(s, System.nanoTime()) + "   ");
            out.println();
        }
    }

    private String line(ExecutionSummary s, long now) {
        long done = done(s);
        double seconds = Math.max(0.001, (now - startedNanos) / 1e9);
        double rate = (done - startDone) / seconds;
        long left = s.listed() - done;
        String eta = rate > 0 ? String.format("%.0fs", left / rate) : "-";
        int width = 30;
        int filled = s.listed() == 0 ? width : (int) (width * done / s.listed());
        return String.format("  [%s%s] %,d/%,d  stored %,d · present %,d · failed %,d  %.1f/s  ETA %s",
                "#".repeat(filled), ".".repeat(width - filled), done, s.listed(), s.stored(), s.alreadyPresent(),
                s.failed(), rate, eta);
    }

    private static long done(ExecutionSummary s) {
        return s.stored() + s.alreadyPresent() + s.failed();
    }
}
