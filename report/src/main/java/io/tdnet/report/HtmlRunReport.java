package io.tdnet.report;

import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.IsoTime;
import io.tdnet.model.OutcomeRow;
import io.tdnet.model.StatusChange;
import io.tdnet.model.Tdnet;
import io.tdnet.model.text.MarkupText;
import io.tdnet.telemetry.FailureReasons;
import io.tdnet.telemetry.MetricsSnapshot;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders a {@link RunReport} as one self-contained HTML page: inline CSS, inline SVG charts, no script,
 * no external asset, so the file can be mailed or archived and opens offline. Every value from the
 * ledger or TDnet (titles, reasons, hrefs) is encoded by {@link MarkupText}.
 *
 * <p>Each chart series is one {@code <polyline class="series" data-series="…">} with exactly one point
 * per sample (tests count them).
 *
 * <p>Longer than 300 lines: the page's markup, styles and chart drawing are one template, read and
 * changed together; nothing in it is used elsewhere.
 */
public final class HtmlRunReport {
    private static final int WIDTH = 880;
    private static final int HEIGHT = 220;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 14;
    private static final int BOTTOM = 30;
    /** Above this many samples the point markers are left out (the line alone reads better). */
    private static final int MAX_MARKERS = 150;
    private static final String[] COLOURS = {"#2563eb", "#d97706", "#dc2626", "#7c3aed", "#059669"};

    private HtmlRunReport() {}

    public static String render(RunReport report) {
        ExecutionSummary s = report.summary();
        StringBuilder h = new StringBuilder(32_000);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>TDnet run ").append(esc(s.targetDate().toString())).append(" — ")
                .append(esc(s.executionId())).append("</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<header><h1>TDnet run report <span class=\"date\">").append(s.targetDate()).append("</span></h1>")
                .append("<p class=\"sub\">execution <code>").append(esc(s.executionId())).append("</code> · generated ")
                .append(esc(IsoTime.format(report.generatedAt().atOffset(java.time.ZoneOffset.UTC)
                        .atZoneSameInstant(Tdnet.JST).toOffsetDateTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))))
                .append("</p></header>\n");
        summary(h, report);
        counters(h, report);
        charts(h, report);
        failures(h, report);
        h.append("<footer>tdnet-pipeline · one self-contained page: no scripts, no external assets</footer>\n");
        h.append("</body></html>\n");
        return h.toString();
    }

    // ------------------------------------------------------------------ sections

    private static void summary(StringBuilder h, RunReport report) {
        ExecutionSummary s = report.summary();
        h.append("<section id=\"summary\"><h2>Execution</h2><div class=\"cols\"><table class=\"kv\">");
        kv(h, "status", "<span class=\"status " + statusClass(s.status()) + "\">" + s.status() + "</span>");
        if (s.reason() != null) kv(h, "reason", esc(s.reason()));
        kv(h, "target date", esc(s.targetDate().toString()));
        kv(h, "banner total", s.bannerTotal() == null ? "–" : num(s.bannerTotal()));
        kv(h, "started", esc(time(s.startedAt())));
        kv(h, "finished", s.finishedAt() == null ? "– (updated " + esc(time(s.updatedAt())) + ")" : esc(time(s.finishedAt())));
        kv(h, "duration", esc(duration(s.startedAt(), s.finishedAt() != null ? s.finishedAt() : s.updatedAt())));
        h.append("</table><div><h3>Status history</h3><ol class=\"history\">");
        if (report.history().isEmpty()) h.append("<li class=\"muted\">no history recorded</li>");
        OffsetDateTime previous = null;
        for (StatusChange change : report.history()) {
            h.append("<li><span class=\"status ").append(statusClass(change.status())).append("\">").append(change.status())
                    .append("</span> <time>").append(esc(time(change.at()))).append("</time>");
            if (previous != null) h.append(" <span class=\"muted\">+").append(esc(duration(previous, change.at()))).append("</span>");
            h.append("</li>");
            previous = change.at();
        }
        h.append("</ol></div></div></section>\n");
    }

    private static void counters(StringBuilder h, RunReport report) {
        ExecutionSummary s = report.summary();
        h.append("<section id=\"counters\"><h2>Counters</h2><div class=\"cards\">");
        card(h, "listed", s.listed(), "rows with a link");
        card(h, "withdrawn", s.withdrawn(), "deleted by TDnet");
        card(h, "stored", s.stored(), "new in the archive");
        card(h, "already-present", s.alreadyPresent(), "stored earlier");
        card(h, "in-flight", s.inFlight(), "queued by an earlier run");
        card(h, "failed", s.failed(), "see below");
        card(h, "pending", s.pending(), "no outcome yet");
        if (s.xbrl().total() > 0) {
            // the second artifact of the disclosures whose PDF is stored or already present
            card(h, "xbrl-stored", s.xbrl().stored(), "XBRL zips new in the archive");
            card(h, "xbrl-already-present", s.xbrl().alreadyPresent(), "XBRL zips stored earlier");
            card(h, "xbrl-failed", s.xbrl().failed(), "PDF stored, XBRL failed: see below");
        }
        h.append("</div>");
        if (report.run().isEmpty()) {
            h.append("<p class=\"muted\">No run samples were recorded for this execution (it did not run in this data directory).</p>");
        } else {
            RunRecord run = report.run().get();
            MetricsSnapshot m = run.metrics();
            h.append("<h3>This run (").append(esc(run.command())).append(", process metrics)</h3><table class=\"grid metrics\">")
                    .append("<tr><th>list pages read</th><th>enqueued</th><th>documents downloaded</th><th>bytes downloaded</th>")
                    .append("<th>retries</th><th>rate-limiter waits</th><th>time waiting</th><th>longest wait</th></tr><tr>")
                    .append(td(num(m.pagesRead()))).append(td(num(m.enqueued()))).append(td(num(m.downloads())))
                    .append(td(bytes(m.downloadedBytes()))).append(td(num(m.retries()))).append(td(num(m.rateLimitWaits())))
                    .append(td(String.format(Locale.ROOT, "%.1f s", m.rateLimitWaitMillis() / 1000.0)))
                    .append(td(String.format(Locale.ROOT, "%,d ms", m.maxRateLimitWaitMillis())))
                    .append("</tr></table>");
            if (!m.retriesByReason().isEmpty()) {
                h.append("<p>Retries by reason: ").append(byReason(m.retriesByReason())).append("</p>");
            }
            if (!m.failedByReason().isEmpty()) {
                h.append("<p>Failures recorded by this run, by reason: ").append(byReason(m.failedByReason())).append("</p>");
            }
        }
        h.append("</section>\n");
    }

    private static void charts(StringBuilder h, RunReport report) {
        h.append("<section id=\"charts\"><h2>Over the run</h2>");
        List<RunSample> samples = report.run().map(RunRecord::samples).orElse(List.of());
        if (samples.isEmpty()) {
            h.append("<p class=\"muted\">No samples.</p></section>\n");
            return;
        }
        RunRecord run = report.run().get();
        h.append("<p class=\"muted\">").append(samples.size()).append(" samples, one every ")
                .append(String.format(Locale.ROOT, "%.1f s", run.intervalMillis() / 1000.0)).append("</p>");
        chart(h, "queue-depth", "Queue depth (visible + in flight)", "messages", samples, List.of(
                new Series("download", "download queue", values(samples, r -> r.download().total())),
                new Series("persist", "persist queue", values(samples, r -> r.persist().total())),
                new Series("download-dlq", "download DLQ", values(samples, r -> r.downloadDlq().total())),
                new Series("persist-dlq", "persist DLQ", values(samples, r -> r.persistDlq().total()))));
        chart(h, "throughput", "Throughput", "disclosures per second", samples, List.of(
                new Series("throughput", "settled (stored, already present or failed) per second", throughput(samples))));
        double[] waiting = perSecond(samples, RunSample::rateLimitWaitMillis);
        for (int i = 0; i < waiting.length; i++) waiting[i] /= 1000.0;
        chart(h, "retries-waits", "Retries and rate-limiter waits", "per second", samples, List.of(
                new Series("retries", "retries per second", perSecond(samples, RunSample::retries)),
                new Series("waits", "threads waiting for the rate limiter (wait-seconds per second)", waiting)));
        h.append("</section>\n");
    }

    private static void failures(StringBuilder h, RunReport report) {
        List<OutcomeRow> failures = report.failures();
        h.append("<section id=\"failures\"><h2>Failures <span class=\"count\">").append(failures.size()).append("</span></h2>");
        if (failures.isEmpty()) {
            h.append("<p class=\"ok\">No failures.</p></section>\n");
            return;
        }
        boolean redrivable = failures.stream().anyMatch(f -> f.disclosureId() != null);
        if (redrivable) {
            h.append("<p>Recover every failed document of the date (moves them back from the DLQ, runs the workers until they settle):</p>")
                    .append("<pre class=\"cmd\" id=\"redrive\">").append(esc(report.redriveCommand())).append("</pre>");
        }
        h.append("<table class=\"grid failures\"><tr><th>#</th><th>disclosure / link</th><th>category</th><th>reason</th><th>recover</th></tr>");
        int n = 0;
        for (OutcomeRow f : failures) {
            n++;
            String subject = f.disclosureId() != null ? f.disclosureId().value() : f.href();
            h.append("<tr class=\"failure\"><td>").append(n).append("</td><td><code>").append(esc(subject)).append("</code></td><td>")
                    .append(esc(FailureReasons.category(f.reason()))).append("</td><td class=\"reason\">").append(esc(f.reason()))
                    .append("</td><td>");
            report.redriveCommand(f).ifPresentOrElse(
                    cmd -> h.append("<code class=\"cmd\">").append(esc(cmd)).append("</code>"),
                    () -> h.append("<span class=\"muted\">rejected link: never fetched, not in a DLQ</span>"));
            h.append("</td></tr>");
        }
        h.append("</table></section>\n");
    }

    // ------------------------------------------------------------------ charts

    /** One line of a chart: exactly one value per sample. */
    private record Series(String id, String label, double[] values) {}

    private static double[] values(List<RunSample> samples, ToDoubleFunction<RunSample> value) {
        double[] out = new double[samples.size()];
        for (int i = 0; i < out.length; i++) out[i] = value.applyAsDouble(samples.get(i));
        return out;
    }

    /** Settled disclosures per second between consecutive samples (the first against the run's start). */
    static double[] throughput(List<RunSample> samples) {
        return perSecond(samples, RunSample::settled);
    }

    private static double[] perSecond(List<RunSample> samples, java.util.function.ToLongFunction<RunSample> counter) {
        double[] out = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            RunSample cur = samples.get(i);
            long prevValue = i == 0 ? counter.applyAsLong(cur) : counter.applyAsLong(samples.get(i - 1));
            long prevMillis = i == 0 ? cur.elapsedMillis() : samples.get(i - 1).elapsedMillis();
            long dt = cur.elapsedMillis() - prevMillis;
            out[i] = dt <= 0 ? 0 : Math.max(0, counter.applyAsLong(cur) - prevValue) * 1000.0 / dt;
        }
        return out;
    }

    private static void chart(StringBuilder h, String id, String title, String unit, List<RunSample> samples, List<Series> series) {
        double[][] values = new double[series.size()][];
        double max = 0;
        for (int k = 0; k < series.size(); k++) {
            values[k] = series.get(k).values();
            for (double v : values[k]) max = Math.max(max, v);
        }
        double top = niceCeiling(max);
        long first = samples.get(0).elapsedMillis();
        long last = samples.get(samples.size() - 1).elapsedMillis();
        double span = Math.max(1, last - first);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;

        h.append("<figure class=\"chart\" id=\"chart-").append(id).append("\"><figcaption>").append(esc(title))
                .append(" <span class=\"muted\">(").append(esc(unit)).append(")</span></figcaption>")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">");
        for (int g = 0; g <= 4; g++) {
            double y = TOP + plotH - plotH * g / 4.0;
            h.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", LEFT, y, WIDTH - RIGHT, y));
            h.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT - 6, y + 4, axisNumber(top * g / 4.0)));
        }
        for (int g = 0; g <= 5; g++) {
            double x = LEFT + plotW * g / 5.0;
            h.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    x, HEIGHT - 10, esc(clock((long) (first + span * g / 5.0)))));
        }
        for (int k = 0; k < series.size(); k++) {
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder points = new StringBuilder();
            StringBuilder markers = new StringBuilder();
            for (int i = 0; i < samples.size(); i++) {
                double x = LEFT + plotW * (samples.get(i).elapsedMillis() - first) / span;
                double y = TOP + plotH - (top == 0 ? 0 : plotH * values[k][i] / top);
                if (i > 0) points.append(' ');
                points.append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
                if (samples.size() <= MAX_MARKERS) {
                    markers.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\"/>", x, y, colour));
                }
            }
            h.append("<polyline class=\"series\" data-series=\"").append(esc(series.get(k).id())).append("\" fill=\"none\" stroke=\"")
                    .append(colour).append("\" stroke-width=\"2\" points=\"").append(points).append("\"/>").append(markers);
        }
        h.append("</svg><div class=\"legend\">");
        for (int k = 0; k < series.size(); k++) {
            double peak = 0;
            for (double v : values[k]) peak = Math.max(peak, v);
            h.append("<span><i style=\"background:").append(COLOURS[k % COLOURS.length]).append("\"></i>")
                    .append(esc(series.get(k).label())).append(" <span class=\"muted\">peak ").append(axisNumber(peak))
                    .append("</span></span>");
        }
        h.append("</div></figure>");
    }

    static double niceCeiling(double max) {
        if (max <= 0) return 1;
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) return step * magnitude;
        }
        return 10 * magnitude;
    }

    // ------------------------------------------------------------------ small pieces

    private static void kv(StringBuilder h, String key, String valueHtml) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(valueHtml).append("</td></tr>");
    }

    private static void card(StringBuilder h, String id, long value, String note) {
        h.append("<div class=\"card\" id=\"counter-").append(id).append("\"><div class=\"label\">").append(id.replace('-', ' '))
                .append("</div><div class=\"value\">").append(num(value)).append("</div><div class=\"muted\">").append(esc(note))
                .append("</div></div>");
    }

    private static String byReason(Map<String, Long> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((reason, count) -> parts.add("<code>" + esc(reason) + "</code> " + num(count)));
        return String.join(" · ", parts);
    }

    private static String td(String text) {
        return "<td>" + esc(text) + "</td>";
    }

    private static String statusClass(ExecutionStatus status) {
        return switch (status) {
            case COMPLETED -> "good";
            case COMPLETED_WITH_FAILURES -> "warn";
            case FAILED -> "bad";
            default -> "busy";
        };
    }

    static String num(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String bytes(long b) {
        if (b < 1024) return b + " B";
        if (b < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
    }

    private static String axisNumber(double v) {
        if (v == Math.rint(v)) return String.format(Locale.ROOT, "%,d", (long) v);
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }

    private static String clock(long millis) {
        long s = Math.round(millis / 1000.0);
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private static String time(OffsetDateTime t) {
        return t == null ? "–" : IsoTime.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    static String duration(OffsetDateTime from, OffsetDateTime to) {
        if (from == null || to == null) return "–";
        Duration d = Duration.between(from, to);
        if (d.toHours() >= 1) return String.format(Locale.ROOT, "%dh%02dm%02ds", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
        if (d.toMinutes() >= 1) return String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** HTML-escapes text for element content and quoted attribute values (the one rule: {@link MarkupText}). */
    static String esc(String text) {
        return MarkupText.escape(text);
    }

    private static final String CSS = """
            :root{--fg:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f9fafb}
            *{box-sizing:border-box}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans JP",sans-serif;color:var(--fg);background:var(--bg);margin:0;padding:24px 32px;max-width:1200px}
            header h1{margin:0;font-size:22px}.date{color:#2563eb}.sub{margin:4px 0 16px;color:var(--muted)}
            section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:0 0 16px}
            h2{font-size:16px;margin:0 0 12px}h3{font-size:14px;margin:12px 0 8px}
            .cols{display:grid;grid-template-columns:minmax(280px,1fr) minmax(280px,1fr);gap:24px}
            table{border-collapse:collapse}.kv th{text-align:left;color:var(--muted);font-weight:500;padding:3px 16px 3px 0}.kv td{padding:3px 0}
            .grid{width:100%}.grid th,.grid td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
            .grid th{background:var(--bg);font-weight:600}.metrics td{font-variant-numeric:tabular-nums}
            .cards{display:grid;grid-template-columns:repeat(6,1fr);gap:10px}
            .card{border:1px solid var(--line);border-radius:6px;padding:10px 12px}.card .label{color:var(--muted);text-transform:capitalize}
            .card .value{font-size:24px;font-weight:600;font-variant-numeric:tabular-nums}
            #counter-failed .value{color:#dc2626}#counter-stored .value{color:#059669}
            .status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
            .good{background:#d1fae5;color:#065f46}.warn{background:#fef3c7;color:#92400e}.bad{background:#fee2e2;color:#991b1b}.busy{background:#dbeafe;color:#1e40af}
            .history{margin:0;padding-left:20px}.history li{margin:2px 0}
            .muted{color:var(--muted)}.ok{color:#059669}.count{background:var(--line);border-radius:10px;padding:0 8px;font-size:13px}
            .chart{margin:8px 0 16px}.chart figcaption{font-weight:600;margin-bottom:4px}.chart svg{width:100%;height:auto;background:#fff}
            .chart line.grid{stroke:var(--line)}.chart text.axis{fill:var(--muted);font-size:11px}
            .legend span{margin-right:16px;white-space:nowrap}.legend i{display:inline-block;width:12px;height:3px;vertical-align:middle;margin-right:4px}
            pre.cmd,code.cmd{background:#111827;color:#f9fafb;border-radius:4px;padding:2px 6px;font-size:12px}code.cmd{display:inline-block;word-break:break-all;line-height:1.5}pre.cmd{padding:8px 12px;overflow-x:auto}
            td.reason{max-width:420px;word-break:break-word}
            footer{color:var(--muted);font-size:12px;margin-top:8px}
            @media (max-width:800px){.cards{grid-template-columns:repeat(3,1fr)}.cols{grid-template-columns:1fr}}
            """;
}
