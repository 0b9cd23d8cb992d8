package io.tdnet.cli;

import io.tdnet.cli.view.ProgressPrinter;
import io.tdnet.bench.BenchFigure;
import io.tdnet.bench.BenchFiles;
import io.tdnet.bench.CeilingModel;
import io.tdnet.bench.CostModel;
import io.tdnet.bench.ChildJvm;
import io.tdnet.bench.EmulatorCeilings;
import io.tdnet.bench.EndToEndBench;
import io.tdnet.bench.MemoryBench;
import io.tdnet.bench.PolitenessBench;
import io.tdnet.bench.ServeBench;
import io.tdnet.bench.SharedRateBench;
import io.tdnet.bench.StartupBench;
import io.tdnet.bench.TwinRateBench;
import io.tdnet.local.CollectOptions;
import io.tdnet.local.EmbeddedEnvironment;
import io.tdnet.model.Rate;
import io.tdnet.model.SlotSpacing;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tdnet bench}: the pipeline's figures, measured on this machine — the busy day end to end
 * against the emulators' own ceilings, politeness at two rates, memory with a 600 MB document under
 * {@code -Xmx256m}, and start-up (embedded stack, each Lambda handler cold). Each section opens and
 * closes its own embedded stack (one per JVM at a time) or runs in a child JVM. Over 300 lines because
 * it turns every section's result into the one table's rows; the measuring is in the bench module.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = ChaosCommand.class,
        description = {"Measures the pipeline on this machine: end-to-end busy day vs the emulators' ceilings,",
                "politeness at R = 1, 2, 5, 50, 100, three processes and through the AWS twin, peak heap with a 600 MB document under -Xmx256m, start-up times.",
                "`tdnet bench chaos` runs the randomized fault suite."})
final class BenchCommand implements Callable<Integer> {
    static final List<String> SECTIONS = List.of("end-to-end", "ceilings", "cost", "politeness", "memory", "start-up", "serve");

    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the figures as JSON instead of a table.")
    boolean json;

    @Option(names = "--only", split = ",", paramLabel = "SECTION",
            description = "Run only these sections: end-to-end, ceilings, cost, politeness, memory, start-up, serve (default: all; "
                    + "cost runs end-to-end for its counts).")
    List<String> only;

    @Option(names = "--disclosures", defaultValue = "2694", description = "Size of the busy day (default: ${DEFAULT-VALUE}).")
    int disclosures;

    @Option(names = "--seed", defaultValue = "20260213", description = "Seed of the fake days (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--download-workers", description = "Download worker threads, unthrottled run "
            + "(default: as collect --rate 0, one per core and one more).")
    Integer downloadWorkers;

    @Option(names = "--persist-workers", description = "Persist worker threads (default: as collect, ${DEFAULT-VALUE}).", defaultValue = "" + CollectOptions.PERSIST_WORKERS)
    int persistWorkers;

    @Option(names = "--ceiling-threads", defaultValue = "4", description = "Threads per ceiling loop (default: ${DEFAULT-VALUE}).")
    int ceilingThreads;

    @Option(names = "--ceiling-seconds", defaultValue = "3", description = "Length of each ceiling loop (default: ${DEFAULT-VALUE}).")
    double ceilingSeconds;

    @Option(names = "--document-mb", defaultValue = "600", description = "Size of the memory bench's document in MB (default: ${DEFAULT-VALUE}).")
    long documentMb;

    @Override
    public Integer call() throws Exception {
        Set<String> sections = Set.copyOf(only == null || only.isEmpty() ? SECTIONS : only);
        for (String s : sections) {
            if (!SECTIONS.contains(s)) throw new IllegalArgumentException("unknown section " + s + " (want " + SECTIONS + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<BenchFigure> figures = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        boolean impolite = false;

        EndToEndBench.Result e2e = null;
        if (sections.contains("end-to-end") || sections.contains("cost")) {
            err.printf("bench: end-to-end, %,d disclosures unthrottled…%n", disclosures);
            err.flush();
            int download = downloadWorkers != null ? downloadWorkers : CollectOptions.UNTHROTTLED_DOWNLOAD_WORKERS;
            int persist = persistWorkers;
            e2e = new EndToEndBench(disclosures, seed, download, persist, new ProgressPrinter(err, false, 10_000)).run();
            String s = "end-to-end";
            figures.add(BenchFigure.of(s, "disclosures stored", e2e.summary().stored(), "",
                    e2e.summary().listed() + " listed, " + e2e.summary().withdrawn() + " withdrawn, status " + e2e.summary().status()));
            figures.add(BenchFigure.of(s, "embedded stack start", e2e.stackStartSeconds(), "s", "first stack of this JVM, fresh data dir"));
            figures.add(BenchFigure.of(s, "wall time", e2e.wallSeconds(), "s", "first list page → execution settled"));
            figures.add(BenchFigure.of(s, "throughput", e2e.perSecond(), "disclosures/s",
                    download + " download + " + persist + " persist workers"));
            figures.add(BenchFigure.of(s, "CPU time", e2e.cpuSeconds(), "s",
                    String.format(Locale.ROOT, "%.1f ms per disclosure, whole process (emulators, fake TDnet, JIT, GC)", e2e.cpuMillisPerDisclosure())));
            EndToEndBench.Timeline timeline = e2e.timeline();
            figures.add(BenchFigure.of(s, "first download", timeline.firstDownload(), "s", "first list page → first HeadObject"));
            figures.add(BenchFigure.of(s, "last document stored", timeline.lastStored(), "s", "first list page → last PutObject"));
            figures.add(BenchFigure.of(s, "last outcome recorded", timeline.lastOutcome(), "s",
                    "first list page → last outcome transaction; the rest is the settle and the workers' stop"));
            details.put("timeline_seconds", Map.of("first_download", timeline.firstDownload(), "last_stored", timeline.lastStored(),
                    "last_outcome", timeline.lastOutcome(), "wall", e2e.wallSeconds()));
            figures.add(BenchFigure.of(s, "peak heap", mib(e2e.peakHeapBytes()), "MiB", "whole JVM, emulators included (sampled)"));
            figures.add(BenchFigure.of(s, "peak live heap", mib(e2e.peakLiveHeapBytes()), "MiB", "after GC"));
            Map<String, Double> perDisclosure = new LinkedHashMap<>();
            long stored = Math.max(1, e2e.summary().stored());
            e2e.operations().forEach((op, n) -> perDisclosure.put(op, round(n / (double) stored, 3)));
            details.put("operations_per_disclosure", perDisclosure);
            for (var op : perDisclosure.entrySet()) {
                if (op.getValue() >= 0.05) figures.add(BenchFigure.of(s, "calls/disclosure " + op.getKey(), op.getValue(), ""));
            }
        }

        if (sections.contains("ceilings")) {
            err.printf("bench: emulator ceilings, %d threads × %.0f s per operation…%n", ceilingThreads, ceilingSeconds);
            err.flush();
            List<Integer> sizes = e2e == null ? List.of() : e2e.pdfSizes();
            Map<String, Double> rates = new EmulatorCeilings(ceilingThreads, ceilingSeconds, sizes).measure();
            String s = "ceilings";
            rates.forEach((op, rate) -> figures.add(BenchFigure.of(s, op, rate, "ops/s", ceilingThreads + " threads")));
            details.put("ceilings_ops_per_second", rates);
            CeilingModel model = new CeilingModel(rates);
            figures.add(BenchFigure.of(s, "implied ceiling, minimal work (shared CPU)", model.minimalShared(), "disclosures/s",
                    "1 / (2/sqs cycle + 1/s3 put + 1/ddb transaction)"));
            figures.add(BenchFigure.of(s, "implied ceiling, minimal work (independent)", model.minimalIndependent(), "disclosures/s",
                    "min(sqs cycle / 2, s3 put, ddb transaction)"));
            if (e2e != null) {
                CeilingModel.Mix mix = model.pipelineMix(e2e.operations(), e2e.summary().stored());
                figures.add(BenchFigure.of(s, "implied ceiling, the pipeline's own calls", mix.ceiling(), "disclosures/s",
                        "1 / Σ calls-per-disclosure / rate; uncosted: " + String.join(" ", mix.uncosted())));
                figures.add(BenchFigure.of(s, "pipeline / minimal-work ceiling", 100 * e2e.perSecond() / model.minimalShared(), "%",
                        "goal ≥ 60% (issue 18)"));
                figures.add(BenchFigure.of(s, "pipeline / own-calls ceiling", 100 * e2e.perSecond() / mix.ceiling(), "%",
                        "how much of the wall time the emulators explain"));
                details.put("time_per_disclosure_ms", mix.millisByOperation());
            }
        }

        if (sections.contains("cost") && e2e != null) {
            addCost(figures, details, e2e);
        }

        if (sections.contains("politeness")) {
            PolitenessBench polite = new PolitenessBench(seed, TdnetCli::run);
            for (double rate : new double[] {1, 2, 5, 50}) {
                err.printf("bench: politeness at R = %.0f…%n", rate);
                err.flush();
                // R = 50 runs 30 s: its first second pays for a cold download path at full concurrency (the
                // schedule idle 150–400 ms), which over 14 s cost 1–3% of the utilisation of a steady state
                PolitenessBench.Result r = polite.run(rate, rate < 5 ? 20 : rate < 50 ? 14 : 30);
                String s = "politeness";
                String name = String.format(Locale.ROOT, "R=%.0f", rate);
                SlotSpacing spacing = SlotSpacing.sameClock(Rate.perSecond(rate)); // collect's schedule is in process
                figures.add(BenchFigure.of(s, name + " requests", r.requests(), "", r.disclosures() + " disclosures, "
                        + String.format(Locale.ROOT, "%.1f s span", r.spanSeconds())));
                figures.add(BenchFigure.of(s, name + " max in any 1-s window (server)", r.maxInAnySecond(), "requests",
                        r.maxInAnySecond() <= rate ? "≤ R: polite" : "OVER R: see the shortest span below"));
                figures.add(BenchFigure.of(s, name + " max in any 1-s window (senders)", r.sends().maxInAnySecond(), "requests",
                        r.sends().count() + " send instants from the pacer"));
                figures.add(BenchFigure.of(s, name + " shortest span of R+1 requests (server)", r.shortestSpanMillis(), "ms",
                        String.format(Locale.ROOT, "arrival times; slots are %.1f ms apart, R+1 sends span ≥ %.0f ms",
                                spacing.spacing().toNanos() / 1e6,
                                (Math.floor(rate) * spacing.spacing().toNanos() - spacing.tolerance().toNanos()) / 1e6)));
                figures.add(BenchFigure.of(s, name + " shortest span of R+1 requests (senders)", r.sends().shortestSpanMillis(), "ms", ""));
                figures.add(BenchFigure.of(s, name + " utilisation (server)", 100 * r.utilisation(), "%", "(N−1) / (R × span); goal "
                        + (rate <= 5 ? "≥ 98%" : "≥ 95%")));
                figures.add(BenchFigure.of(s, name + " utilisation (senders)", 100 * r.sends().utilisation(), "%",
                        String.format(Locale.ROOT, "the schedule's ceiling is %.2f%%", 100 * spacing.utilisation())));
                figures.add(BenchFigure.of(s, name + " slots given up", r.slotUse().givenUpLate() + r.slotUse().givenUpHeld(), "",
                        r.slotUse().describe()));
                figures.add(BenchFigure.of(s, name + " send to arrival p99", r.delay().p99Millis(), "ms", String.format(Locale.ROOT,
                        "%d requests matched; min %.2f, median %.2f, max %.2f ms", r.delay().matched(), r.delay().minMillis(),
                        r.delay().p50Millis(), r.delay().maxMillis())));
                if (r.maxInAnySecond() > rate || r.sends().maxInAnySecond() > rate) impolite = true;
            }
            err.printf("bench: pipelining, the busy day (%,d disclosures) at R = 100…%n", disclosures);
            err.flush();
            PolitenessBench.Result busy = polite.runDay(100, disclosures);
            figures.add(BenchFigure.of("politeness", "R=100 busy day: first document after the last list page",
                    busy.firstDocumentLagMillis(), "ms", String.format(Locale.ROOT,
                            "server arrivals, %,d disclosures, %,d requests; goal ≤ 1000 ms", busy.disclosures(), busy.requests())));
            figures.add(BenchFigure.of("politeness", "R=100 busy day max in any 1-s window (server)", busy.maxInAnySecond(), "requests",
                    String.format(Locale.ROOT, "utilisation %.1f%% (server), %.1f%% (senders)", 100 * busy.utilisation(),
                            100 * busy.sends().utilisation())));
            if (busy.maxInAnySecond() > 100 || busy.sends().maxInAnySecond() > 100) impolite = true;
            err.println("bench: politeness, three OS processes sharing R = 2 through one schedule on loopback…");
            err.flush();
            SharedRateBench.Result shared = new SharedRateBench().run(3, 2, 30);
            String s = "politeness";
            String name = "3 processes R=2";
            figures.add(BenchFigure.of(s, name + " requests", shared.server().count(), "",
                    "per process (send instants) " + shared.perProcess() + ", " + shared.seconds() + " s"));
            figures.add(BenchFigure.of(s, name + " max in any 1-s window (server)", shared.server().maxInAnySecond(), "requests",
                    shared.server().maxInAnySecond() <= 2 ? "≤ 2: polite" : "OVER R"));
            figures.add(BenchFigure.of(s, name + " max in any 1-s window (senders)", shared.senders().maxInAnySecond(), "requests", ""));
            figures.add(BenchFigure.of(s, name + " utilisation (server)", 100 * shared.server().utilisation(), "%", "goal ≥ 98%"));
            figures.add(BenchFigure.of(s, name + " utilisation (senders)", 100 * shared.senders().utilisation(), "%", ""));
            figures.add(BenchFigure.of(s, name + " slots given up", shared.slotUse().givenUpLate() + shared.slotUse().givenUpHeld(), "",
                    shared.slotUse().describe()));
            if (shared.server().maxInAnySecond() > 2 || shared.senders().maxInAnySecond() > 2) impolite = true;
            err.println("bench: politeness through the twin, its lister + downloader Lambdas and a collect --aws sharing R = 2…");
            err.flush();
            TwinRateBench.Result twin = new TwinRateBench(new ChildJvm(TdnetCli.class.getName()), seed).run(2, 60, 60);
            String twinName = "twin R=2";
            figures.add(BenchFigure.of(s, twinName + " requests", twin.all().count(), "", String.format(Locale.ROOT,
                    "Lambdas %d (lister + %d downloader environments), collect --aws %d (of %d send instants); two days, one queue",
                    twin.lambdaRequests(), twin.downloaderEnvironments(), twin.collectRequests(), twin.collectSends().count())));
            figures.add(BenchFigure.of(s, twinName + " max in any 1-s window (server)", twin.all().maxInAnySecond(), "requests",
                    String.format(Locale.ROOT, "whole run, %s; densest window: %d of collect, shortest span of 3: %.0f ms",
                            twin.all().maxInAnySecond() <= 2 ? "≤ 2: polite" : "OVER R", twin.densestCollect(),
                            twin.all().shortestSpanMillis())));
            figures.add(BenchFigure.of(s, twinName + " max in any 1-s window (collect senders)", twin.collectSends().maxInAnySecond(),
                    "requests", "the collect process's own send instants"));
            figures.add(BenchFigure.of(s, twinName + " utilisation while both sent (server)", 100 * twin.overlap().utilisation(), "%",
                    String.format(Locale.ROOT, "%d requests in %.1f s; goal ≥ 98%%", twin.overlap().count(), twin.overlapSeconds())));
            figures.add(BenchFigure.of(s, twinName + " max in any 1-s window (all senders)", twin.allSends().maxInAnySecond(), "requests",
                    String.format(Locale.ROOT, "%d send instants of the Lambdas and collect; shortest span of 3 sends %.1f ms;"
                            + " densest arrivals (ms): %s", twin.allSends().count(), twin.allSends().shortestSpanMillis(),
                            twin.densestWindow())));
            figures.add(BenchFigure.of(s, twinName + " send to arrival p99", twin.delay().p99Millis(), "ms", String.format(Locale.ROOT,
                    "%d requests matched; min %.2f, median %.2f, max %.2f ms", twin.delay().matched(), twin.delay().minMillis(),
                    twin.delay().p50Millis(), twin.delay().maxMillis())));
            figures.add(BenchFigure.of(s, twinName + " reservation round trip p50", twin.reservation().p50Millis(), "ms",
                    String.format(Locale.ROOT, "%d reservations through the twin's gateway; p99 %.1f, max %.1f ms",
                            twin.reservation().matched(), twin.reservation().p99Millis(), twin.reservation().maxMillis())));
            figures.add(BenchFigure.of(s, twinName + " slots given up", twin.slotUse().givenUpLate() + twin.slotUse().givenUpHeld(), "",
                    twin.slotUse().describe()));
            if (twin.all().maxInAnySecond() > 2 || twin.collectSends().maxInAnySecond() > 2) impolite = true;
        }

        if (sections.contains("memory")) {
            err.printf("bench: memory, one %d MB document in a -Xmx256m child JVM…%n", documentMb);
            err.flush();
            MemoryBench.Result r = new MemoryBench(new ChildJvm(ChildCollect.class.getName())).run(documentMb * 1_000_000L, "256m");
            String s = "memory";
            figures.add(BenchFigure.of(s, "document stored", r.storedBytes() / 1e6, "MB", "exit " + r.exitCode() + ", -Xmx" + r.maxHeap()));
            figures.add(BenchFigure.of(s, "peak heap", mib(r.peakUsedBytes()), "MiB", "child JVM, sampled every 2 ms and before each GC"));
            figures.add(BenchFigure.of(s, "peak live heap", mib(r.peakAfterGcBytes()), "MiB", "after GC"));
            figures.add(BenchFigure.of(s, "child run time", r.seconds(), "s", "JVM + stack start + download + upload"));
        }

        if (sections.contains("start-up")) {
            err.println("bench: start-up, embedded stack and each Lambda handler in a fresh JVM…");
            err.flush();
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tdnet-bench-start-");
            try (EmbeddedEnvironment env = EmbeddedEnvironment.start(dir)) {
                figures.add(BenchFigure.of("start-up", "embedded stack", env.stack().startupTime().toMillis() / 1000.0, "s",
                        "EmbeddedAwsStack.startupTime(), fresh data dir" + (e2e == null ? "" : ", classes already loaded by end-to-end")));
            } finally {
                BenchFiles.deleteTree(dir);
            }
            for (StartupBench.Result r : new StartupBench().run()) {
                figures.add(BenchFigure.of("start-up", r.handler() + " init", r.classLoadMillis() + r.constructMillis(), "ms",
                        String.format(Locale.ROOT, "load %.0f + construct %.0f ms; JVM uptime %.0f ms, process %.0f ms (%s)",
                                r.classLoadMillis(), r.constructMillis(), r.jvmUptimeMillis(), r.processMillis(), r.classPath())));
            }
        }
        if (sections.contains("serve")) {
            err.printf("bench: serve, the busy day (%,d disclosures) collected, then GET /api/disclosures?date= over loopback…%n", disclosures);
            err.flush();
            ServeBench.Result r = new ServeBench(disclosures, seed, 200).runInChildJvm();
            String s = "serve";
            figures.add(BenchFigure.of(s, "disclosures of the day", r.stored(), "", "collected unthrottled from the fake"));
            figures.add(BenchFigure.of(s, "?date= p50", r.firstPage().p50(), "ms", r.firstPage().requests()
                    + " sequential requests, 100 rows each; a child JVM with the default collector, as tdnet serve runs"));
            figures.add(BenchFigure.of(s, "?date= p99", r.firstPage().p99(), "ms", "after 20 warm-up requests"));
            figures.add(BenchFigure.of(s, "?date=&limit=1000 p50", r.largestPage().p50(), "ms", r.largestPage().requests() + " requests"));
            figures.add(BenchFigure.of(s, "?date=&limit=1000 p99", r.largestPage().p99(), "ms", ""));
            figures.add(BenchFigure.of(s, "whole day paged", r.wholeDayMillis(), "ms", r.wholeDayRequests() + " requests at limit=1000"));
            figures.add(BenchFigure.of(s, "q= over the whole day", r.searchMillis(), "ms", r.searchExamined() + " rows examined, no match"));
            figures.add(BenchFigure.of(s, "mean item size", r.meanItemBytes(), "bytes", "disclosures table, names + values"));
            figures.add(BenchFigure.of(s, "q= cost at the examine cap", ServeBench.capReadUnits(r.meanItemBytes()), "RCU",
                    "5,000 rows × item size / 4 KB × 0.5 (eventually consistent GSI reads)"));
        }

        if (impolite) err.println("bench: a politeness window held more than R requests (see the table)");
        figures.add(BenchFigure.of("bench", "total bench time", (System.nanoTime() - t0) / 1e9, "s"));

        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("figures", figures);
            doc.putAll(details);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else {
            out.print(table(figures));
            if (details.containsKey("time_per_disclosure_ms")) {
                out.println();
                out.println("emulator time per disclosure, by the pipeline's calls (ms):");
                @SuppressWarnings("unchecked")
                Map<String, Double> ms = (Map<String, Double>) details.get("time_per_disclosure_ms");
                ms.forEach((op, v) -> out.printf(Locale.ROOT, "  %-32s %8.3f%n", op, v));
            }
        }
        out.flush();
        return impolite ? ExitCodes.FATAL : ExitCodes.OK;
    }

    /** Calls per disclosure by service, and the AWS bill of a busy day and of a month from them ({@link CostModel}). */
    private static void addCost(List<BenchFigure> figures, Map<String, Object> details, EndToEndBench.Result e2e) {
        double meanPdf = e2e.pdfSizes().stream().mapToInt(Integer::intValue).average().orElse(0);
        CostModel model = new CostModel(e2e.operations(), e2e.summary().stored(), meanPdf);
        String s = "cost";
        for (String service : List.of("sqs", "s3", "dynamodb")) {
            figures.add(BenchFigure.of(s, "calls/disclosure " + service, round(model.perDisclosure(service), 3), "",
                    "measured end to end"));
        }
        Map<String, Object> bills = new LinkedHashMap<>();
        for (CostModel.Workload w : List.of(CostModel.Workload.busyDay(), CostModel.Workload.month())) {
            List<CostModel.Line> lines = model.bill(w);
            String prefix = w.name() + ": ";
            for (CostModel.Line line : lines) {
                figures.add(BenchFigure.of(s, prefix + line.service() + " " + line.item(), round(line.cost(), 4), "USD",
                        String.format(Locale.ROOT, "$%.4f: %,.2f %s", line.cost(), line.quantity(), line.unit())));
            }
            figures.add(BenchFigure.of(s, prefix + "total", round(CostModel.total(lines), 2), "USD",
                    String.format(Locale.ROOT, "%,d disclosures, ap-northeast-1 list prices, no free tier", w.disclosures())));
            bills.put(w.name(), lines);
        }
        details.put("cost_usd", bills);
    }

    static String table(List<BenchFigure> figures) {
        StringBuilder b = new StringBuilder();
        String format = "%-11s %-48s %12s %-14s %s%n";
        b.append(String.format(Locale.ROOT, format, "section", "figure", "value", "unit", "note"));
        for (BenchFigure f : figures) {
            b.append(String.format(Locale.ROOT, format, f.section(), f.name(), number(f.value()), f.unit(), f.note()));
        }
        return b.toString();
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) return String.format(Locale.ROOT, "%,d", (long) v);
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static double mib(long bytes) {
        return round(bytes / (1024.0 * 1024.0), 1);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
