package io.tdnet.local;

import io.tdnet.model.ExecutionSummary;
import java.io.PrintWriter;

/**
 * Shows an execution's progress while it runs: a line rewritten in place on a terminal, periodic
 * plain lines otherwise (CI, pipes), so logs stay readable.
 */
final class ProgressPrinter {
    private final PrintWriter out;
    private final boolean terminal;
    private final long intervalNanos;
    private long startedNanos;
    private long lastPrintNanos;
    private long startDone;

    ProgressPrinter(PrintWriter out, boolean terminal, long intervalMillis) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    static ProgressPrinter forConsole(PrintWriter out) {
        boolean terminal = System.console() != null;
        return new ProgressPrinter(out, terminal, terminal ? 200 : 5_000);
    }

    void start(ExecutionSummary summary) {
        startedNanos = System.nanoTime();
        lastPrintNanos = startedNanos;
        startDone = done(summary);
    }

    void update(ExecutionSummary s) {
        long now = System.nanoTime();
        if (now - lastPrintNanos < intervalNanos) return;
        lastPrintNanos = now;
        String line = line(s, now);
        if (terminal) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    void finish(ExecutionSummary s) {
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
