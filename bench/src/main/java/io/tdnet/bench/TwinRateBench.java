package io.tdnet.bench;

import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.RecordedRequest;
import io.tdnet.model.EnvVars;
import io.tdnet.model.Rate;
import io.tdnet.model.SlotSpacing;
import io.tdnet.twin.AwsTwin;
import io.tdnet.twin.DayRun;
import io.tdnet.twin.aws.CloudFormationTemplate;
import io.tdnet.twin.aws.TemplateFiles;
import io.tdnet.twin.aws.TwinAccount;
import io.tdnet.twin.lambda.FunctionFigures;
import io.tdnet.wiring.pacing.SendLog;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * One rate through the twin of the deployed stack: a small fake day through the twin's lister and
 * downloader Lambdas (the event source's {@code MaximumConcurrency} environments at once) and, once their
 * downloads are under way, {@code collect --aws --endpoint-url <twin>} of another date in a child JVM, all
 * against one fake TDnet and all pacing on the stack's one slot schedule (its pacer table) at the same R. {@code collect --aws}
 * downloads through the stack's download queue, so each day's documents are fetched by whichever consumer
 * received them: the collect process's requests are told apart by its own send instants ({@code --send-log},
 * wall clock), matched to the fake's arrivals (wall clock too, same machine). Judged from the arrivals like
 * {@link PolitenessBench}: the most requests in any 1-s window over the whole run, and the utilisation over
 * the span where both the Lambdas and the collect process were sending.
 */
public final class TwinRateBench {
    static final LocalDate PIPELINE_DAY = LocalDate.of(2026, 2, 13);
    static final LocalDate COLLECT_DAY = LocalDate.of(2026, 2, 16);
    private static final Duration DAY_TIMEOUT = Duration.ofMinutes(6);

    /**
     * @param all            every arrival at the fake, whole run
     * @param overlap        the arrivals between the later first request and the earlier last request of the
     *                       Lambdas and the collect process (both were sending): its utilisation is the figure
     * @param lambdaRequests arrivals not matched to a send instant of the collect process (lister + downloaders)
     * @param collectRequests arrivals matched to the collect process's send instants
     * @param collectSends   the collect process's own send instants ({@code --send-log})
     * @param densest        of the requests in the densest 1-s window of the run, how many were the collect process's
     * @param downloaderEnvironments cold starts of the downloader function (environments it ran in)
     * @param pipelineSummary the twin's summary line of the pipeline's day
     * @param reservation    the reservations' round trips through the twin's gateway, every sender (asked to answered)
     */
    public record Result(double rate, PolitenessBench.Sends all, PolitenessBench.Sends overlap, double overlapSeconds,
                         int lambdaRequests, int collectRequests, PolitenessBench.Sends collectSends, int densestCollect,
                         int downloaderEnvironments, String pipelineSummary, PolitenessBench.Sends allSends, SlotUse slotUse,
                         Delay delay, String densestWindow, Delay reservation) {}

    /**
     * Percentiles of durations (ms): from each send instant (every sender's log) to its request's arrival at the
     * fake, over the arrivals matched to a send (the path a same-clock budget's {@code ARRIVAL_JITTER} stands
     * for); or the reservations' round trips.
     */
    public record Delay(int matched, double p50Millis, double p99Millis, double maxMillis, double minMillis) {
        static Delay of(List<Long> delaysMicros) {
            List<Long> d = delaysMicros.stream().sorted().toList();
            if (d.isEmpty()) return new Delay(0, 0, 0, 0, 0);
            return new Delay(d.size(), d.get(d.size() / 2) / 1e3, d.get((int) Math.min(d.size() - 1, Math.ceil(0.99 * d.size()) - 1)) / 1e3,
                    d.get(d.size() - 1) / 1e3, d.get(0) / 1e3);
        }
    }

    /** How long after its send instant a request may arrive and still be matched to it (spacing ≥ 500 ms at R ≤ 2). */
    static final long MATCH_MICROS = 250_000;

    /** Two senders' sorted arrival instants and the window in which both were sending. */
    record Overlap(long fromNanos, long toNanos) {
        static Overlap of(List<Long> a, List<Long> b) {
            if (a.isEmpty() || b.isEmpty()) return new Overlap(0, 0);
            long from = Math.max(a.get(0), b.get(0));
            long to = Math.min(a.get(a.size() - 1), b.get(b.size() - 1));
            return to <= from ? new Overlap(0, 0) : new Overlap(from, to);
        }

        /** The instants of {@code sorted} inside [from, to]. */
        List<Long> within(List<Long> sorted) {
            if (toNanos <= fromNanos) return List.of(); // the senders never overlapped
            return sorted.stream().filter(t -> t >= fromNanos && t <= toNanos).toList();
        }

        double seconds() {
            return (toNanos - fromNanos) / 1e9;
        }
    }

    private final ChildJvm cli;
    private final long seed;

    /** @param cli the CLI's main class in a child JVM (runs {@code collect --aws}) */
    public TwinRateBench(ChildJvm cli, long seed) {
        this.cli = cli;
        this.seed = seed;
    }

    /** The pipeline's day of {@code pipelineRows} and collect's of {@code collectRows}, both at {@code rate}. */
    public Result run(double rate, int pipelineRows, int collectRows) throws Exception {
        String r = new BigDecimal(Double.toString(rate)).stripTrailingZeros().toPlainString();
        CloudFormationTemplate template = TemplateFiles.locate().load().withEnvironmentValue(EnvVars.TDNET_RATE, r);
        Path dir = Files.createTempDirectory("tdnet-bench-twinrate-");
        try (FakeTdnet fake = FakeTdnet.start()) {
            fake.addDay(PIPELINE_DAY, pipelineRows, seed);
            fake.addDay(COLLECT_DAY, collectRows, seed + 1);
            Path sendLog = dir.resolve("collect-sends.txt");
            Path lambdaSendLog = dir.resolve("lambda-sends.txt");
            Path childLog = dir.resolve("collect.log");
            DayRun run;
            try (AwsTwin twin = AwsTwin.start(template, fake.baseUrl(), Files.createDirectories(dir.resolve("twin")), lambdaSendLog)) {
                ProcessBuilder pb = new ProcessBuilder(cli.command(ChildJvm.pacedOptions("-Xmx256m"), List.of("collect", "--aws",
                        "--endpoint-url", twin.endpoint().toString(), "--region", TwinAccount.REGION,
                        "--stack", template.stackName(), "--date", COLLECT_DAY.toString(), "--tdnet-url", fake.baseUrl(),
                        "--rate", r, "--send-log", sendLog.toString())))
                        .redirectErrorStream(true).redirectOutput(childLog.toFile());
                pb.environment().put("AWS_ACCESS_KEY_ID", twin.cliKey().accessKeyId());
                pb.environment().put("AWS_SECRET_ACCESS_KEY", twin.cliKey().secretAccessKey());
                pb.environment().remove("AWS_PROFILE");
                FutureTask<DayRun> day = new FutureTask<>(() -> twin.runDay(PIPELINE_DAY, DAY_TIMEOUT));
                Thread dayThread = new Thread(day, "twin-day");
                dayThread.start();
                Process collect = null;
                try {
                    // collect --aws joins a day already under way: its downloads are fetched, so the downloader's
                    // environments are up. Started with the lister, collect's JVM and the environments' restores
                    // warmed up on the same two cores at once; on AWS they run on separate machines
                    awaitFirstDocument(fake, day);
                    collect = pb.start();
                    run = day.get(DAY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    if (!collect.waitFor(DAY_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || collect.exitValue() != 0) {
                        throw new IllegalStateException("collect --aws against the twin did not end well:\n"
                                + Files.readString(childLog));
                    }
                } finally {
                    if (collect != null) collect.destroyForcibly();
                    day.cancel(true);
                }
                if (!run.settled()) throw new IllegalStateException("the twin's day did not settle: " + run.summaryLine());
            }
            List<RecordedRequest> requests = fake.requests().stream()
                    .sorted(java.util.Comparator.comparingLong(RecordedRequest::nanoTime)).toList();
            List<Long> sends = PolitenessBench.sendInstants(sendLog).stream().map(n -> n / 1_000).toList();
            boolean[] ofCollect = matchSends(requests.stream().map(q -> micros(q.at())).toList(), sends, MATCH_MICROS);
            List<Long> all = new ArrayList<>();
            List<Long> forCollect = new ArrayList<>();
            List<Long> forLambdas = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                long t = requests.get(i).nanoTime();
                all.add(t);
                (ofCollect[i] ? forCollect : forLambdas).add(t);
            }
            Overlap overlap = Overlap.of(forLambdas, forCollect);
            int densestStart = densestWindowStart(all, 1_000_000_000L);
            int densestCollect = 0;
            for (int i = densestStart; i < all.size() && all.get(i) - all.get(densestStart) < 1_000_000_000L; i++) {
                if (ofCollect[i]) densestCollect++;
            }
            List<SendLog.Entry> entries = new ArrayList<>(SendLog.read(sendLog));
            entries.addAll(SendLog.read(lambdaSendLog));
            List<Long> allSends = entries.stream().filter(SendLog.Entry::sent).map(SendLog.Entry::atMicros).sorted().toList();
            List<Long> arrivalMicros = requests.stream().map(q -> micros(q.at())).toList();
            long[] sentAt = pairSends(arrivalMicros, allSends, MATCH_MICROS);
            List<Long> delays = new ArrayList<>();
            for (int i = 0; i < sentAt.length; i++) if (sentAt[i] != UNMATCHED) delays.add(arrivalMicros.get(i) - sentAt[i]);
            return new Result(rate, PolitenessBench.Sends.of(all, rate), PolitenessBench.Sends.of(overlap.within(all), rate),
                    overlap.seconds(), forLambdas.size(), forCollect.size(),
                    PolitenessBench.Sends.of(PolitenessBench.sendInstants(sendLog), rate), densestCollect,
                    downloaderEnvironments(run), run.summaryLine(),
                    PolitenessBench.Sends.of(allSends.stream().map(t -> t * 1_000).toList(), rate),
                    SlotUse.of(entries, SlotSpacing.sameClock(Rate.perSecond(rate)).spacingMicros()), Delay.of(delays),
                    densestWindow(arrivalMicros, sentAt, densestStart, ofCollect), Delay.of(reservationRoundTrips(sendLog, lambdaSendLog)));
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    /** Waits until the fake has answered a document request of the pipeline's day (or the day ended first). */
    private static void awaitFirstDocument(FakeTdnet fake, Future<DayRun> day) throws InterruptedException {
        long deadline = System.nanoTime() + DAY_TIMEOUT.toNanos();
        while (!day.isDone() && System.nanoTime() < deadline
                && fake.requests().stream().noneMatch(RecordedRequest::isPdf)) {
            Thread.sleep(50);
        }
    }

    /**
     * Which arrivals (wall-clock µs, ascending) answer one of {@code sends} (µs, ascending): each send takes the
     * earliest unmatched arrival in {@code [send − 1 ms, send + within]} (the same clock; the 1 ms absorbs its
     * resolution). Sends that never arrived (a request that failed on the wire) match nothing.
     */
    static boolean[] matchSends(List<Long> arrivals, List<Long> sends, long withinMicros) {
        long[] paired = pairSends(arrivals, sends, withinMicros);
        boolean[] matched = new boolean[arrivals.size()];
        for (int i = 0; i < paired.length; i++) matched[i] = paired[i] != UNMATCHED;
        return matched;
    }

    static final long UNMATCHED = Long.MIN_VALUE;

    /** As {@link #matchSends}: for each arrival, the send instant it answers, or {@link #UNMATCHED}. */
    static long[] pairSends(List<Long> arrivals, List<Long> sends, long withinMicros) {
        long[] paired = new long[arrivals.size()];
        java.util.Arrays.fill(paired, UNMATCHED);
        int from = 0;
        for (long send : sends) {
            while (from < arrivals.size() && arrivals.get(from) < send - 1_000) from++;
            for (int i = from; i < arrivals.size() && arrivals.get(i) <= send + withinMicros; i++) {
                if (paired[i] == UNMATCHED) {
                    paired[i] = send;
                    break;
                }
            }
        }
        return paired;
    }

    /** The densest 1-s window of arrivals, each as "arrival ms (sent ms, c = collect)" after the window's first arrival. */
    static String densestWindow(List<Long> arrivalMicros, long[] sentAt, int start, boolean[] ofCollect) {
        if (arrivalMicros.isEmpty()) return "";
        long first = arrivalMicros.get(start);
        StringBuilder out = new StringBuilder();
        for (int i = start; i < arrivalMicros.size() && arrivalMicros.get(i) - first < 1_000_000; i++) {
            if (out.length() > 0) out.append(", ");
            out.append(String.format(java.util.Locale.ROOT, "%.1f", (arrivalMicros.get(i) - first) / 1e3));
            out.append(sentAt[i] == UNMATCHED ? " (no send)" : String.format(java.util.Locale.ROOT, " (sent %.1f%s)",
                    (sentAt[i] - first) / 1e3, ofCollect[i] ? " c" : ""));
        }
        return out.toString();
    }

    /** The index where the densest half-open window [t, t + window) of {@code sorted} starts. */
    static int densestWindowStart(List<Long> sorted, long windowNanos) {
        int best = 0;
        int bestCount = 0;
        int j = 0;
        for (int i = 0; i < sorted.size(); i++) {
            while (sorted.get(i) - sorted.get(j) >= windowNanos) j++;
            if (i - j + 1 > bestCount) {
                bestCount = i - j + 1;
                best = j;
            }
        }
        return best;
    }

    private static List<Long> reservationRoundTrips(Path... logs) throws java.io.IOException {
        List<Long> trips = new ArrayList<>();
        for (Path log : logs) trips.addAll(SendLog.reservationRoundTrips(log));
        return trips;
    }

    private static long micros(java.time.Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    private static int downloaderEnvironments(DayRun run) {
        return run.figures().entrySet().stream().filter(e -> e.getKey().toLowerCase(java.util.Locale.ROOT).contains("download"))
                .map(Map.Entry::getValue).mapToInt(FunctionFigures::coldStarts).sum();
    }
}
