package io.tdnet.bench;

import io.tdnet.local.CollectOptions;
import io.tdnet.local.CollectProgress;
import io.tdnet.local.Collector;
import io.tdnet.local.EmbeddedEnvironment;
import io.tdnet.local.InterceptedEnvironment;
import io.tdnet.local.LocalPipeline;
import io.tdnet.local.ServiceInterceptor;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.Tdnet;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeTdnet;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The busy day collected unthrottled from the fake TDnet on a fresh embedded stack: wall time from the
 * first list page to the settled execution, disclosures/s, the JVM's peak heap, the process's CPU time
 * (the run is CPU-bound on two cores, and CPU per disclosure moves less than wall time when others share
 * the machine), how many SQS, S3 and DynamoDB calls each disclosure cost (counted through a
 * {@link ServiceInterceptor}), and when the first and last document went through ({@link Timeline}).
 */
public final class EndToEndBench {
    static final LocalDate DAY = LocalDate.of(2026, 2, 13);

    /**
     * Seconds from the start of the run: the first HeadObject (the first download begins), the last
     * PutObject (the last document stored), the last outcome transaction; the rest of the wall time is
     * the settle and the workers' stop.
     */
    public record Timeline(double firstDownload, double lastStored, double lastOutcome) {
        static Timeline of(OperationCounts counts) {
            return new Timeline(counts.firstCallSeconds("s3.headObject"), counts.lastCallSeconds("s3.putObject"),
                    counts.lastCallSeconds("dynamodb.transactWriteItems"));
        }
    }

    /** What one run measured; {@code cpuSeconds} is the whole process's CPU time during the wall time (-1: unknown). */
    public record Result(int disclosures, ExecutionSummary summary, double stackStartSeconds, double wallSeconds,
                  long peakHeapBytes, long peakLiveHeapBytes, Map<String, Long> operations, List<Integer> pdfSizes,
                  double cpuSeconds, Timeline timeline) {
        public double perSecond() {
            return (summary.stored() + summary.alreadyPresent()) / wallSeconds;
        }

        /** CPU milliseconds (every thread of the process: pipeline, emulators, fake TDnet, JIT, GC) per disclosure. */
        public double cpuMillisPerDisclosure() {
            return cpuSeconds < 0 ? Double.NaN : 1000 * cpuSeconds / Math.max(1, summary.stored() + summary.alreadyPresent());
        }

        /** Calls of one operation per stored disclosure. */
        public double perDisclosure(String operation) {
            return operations.getOrDefault(operation, 0L) / (double) Math.max(1, summary.stored());
        }
    }

    private final int disclosures;
    private final long seed;
    private final int downloadWorkers;
    private final int persistWorkers;
    private final CollectProgress progress;

    /** @param progress shown while the day is collected */
    public EndToEndBench(int disclosures, long seed, int downloadWorkers, int persistWorkers, CollectProgress progress) {
        this.disclosures = disclosures;
        this.seed = seed;
        this.downloadWorkers = downloadWorkers;
        this.persistWorkers = persistWorkers;
        this.progress = progress;
    }

    public Result run() throws Exception {
        Path dir = Files.createTempDirectory("tdnet-bench-e2e-");
        try (FakeTdnet tdnet = FakeTdnet.start()) {
            FakeDay day = tdnet.addDay(DAY, disclosures, seed);
            List<Integer> sizes = day.ids().stream().map(id -> (int) tdnet.pdfLength(id)).toList();
            OperationCounts counts = new OperationCounts();
            try (EmbeddedEnvironment env = EmbeddedEnvironment.start(dir);
                 HeapSampler heap = HeapSampler.start(5)) {
                double start = env.stack().startupTime().toMillis() / 1000.0;
                CollectOptions options = new CollectOptions(TdnetOrigin.of(tdnet.baseUrl()), 0, Tdnet.DEFAULT_MAX_PDF_BYTES,
                        Tdnet.DEFAULT_USER_AGENT, downloadWorkers, persistWorkers);
                PrintWriter silent = new PrintWriter(Writer.nullWriter());
                long t0 = System.nanoTime();
                long cpu0 = processCpuNanos();
                counts.startClock(t0);
                ExecutionSummary summary;
                try (LocalPipeline pipeline = new LocalPipeline(new InterceptedEnvironment(env, counts), options, Clock.systemUTC())) {
                    new Collector(pipeline, silent, progress).collect(DAY);
                    summary = pipeline.queries().latestFor(DAY).orElseThrow();
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                long cpu1 = processCpuNanos();
                if (summary.status() != ExecutionStatus.COMPLETED || summary.stored() != day.ids().size()) {
                    throw new IllegalStateException("the busy day did not complete: " + summary);
                }
                return new Result(day.ids().size(), summary, start, wall, heap.peakUsedBytes(), heap.peakAfterGcBytes(),
                        counts.snapshot(), sizes, cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e9, Timeline.of(counts));
            }
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    /** The process's CPU time so far, or -1 where the JVM does not say. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
