package io.tdnet.bench;

import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.RecordedRequest;
import io.tdnet.model.Rate;
import io.tdnet.model.SlotSpacing;
import io.tdnet.wiring.pacing.SendLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code collect} at a rate R against the fake TDnet, judged twice: from the fake's own request log (its
 * nanoTime when each request head arrived) and from the senders' own send instants (the pacer's
 * {@code --send-log}): the most requests in any 1-second window (must be ≤ R, docs/ARCHITECTURE.md
 * invariant 5) and the utilisation of the allowance, (N − 1) / (R × (t_last − t_first)). The day is sized
 * so that the run takes about {@code targetSeconds}.
 */
public final class PolitenessBench {
    static final LocalDate DAY = LocalDate.of(2026, 2, 13);

    /**
     * @param shortestSpanMillis the shortest time in which R + 1 requests arrived (≥ 1000 ms means polite)
     * @param firstDocumentLagMillis from the arrival of the last list page to that of the first document
     *     request (the lister's pipelining: downloads start on the first planned chunk), NaN without both
     */
    public record Result(double rate, int disclosures, int requests, int maxInAnySecond, double utilisation, double spanSeconds,
                  double shortestSpanMillis, int exitCode, Sends sends, double firstDocumentLagMillis, SlotUse slotUse,
                  TwinRateBench.Delay delay) {}

    /** The same figures from the senders' own send instants. */
    public record Sends(int count, int maxInAnySecond, double utilisation, double shortestSpanMillis) {
        static Sends of(List<Long> sortedNanos, double rate) {
            return new Sends(sortedNanos.size(), maxInWindow(sortedNanos, 1_000_000_000L), PolitenessBench.utilisation(sortedNanos, rate),
                    sortedNanos.size() <= (int) Math.floor(rate) ? 0 : shortestSpan(sortedNanos, (int) Math.floor(rate) + 1) / 1e6);
        }
    }

    private final long seed;
    private final TdnetCommand tdnet;

    /** @param tdnet runs {@code tdnet collect} in this JVM (the CLI's entry point) */
    public PolitenessBench(long seed, TdnetCommand tdnet) {
        this.seed = seed;
        this.tdnet = tdnet;
    }

    public Result run(double rate, double targetSeconds) throws Exception {
        return runDay(rate, (int) Math.max(10, Math.round(rate * targetSeconds * 0.95)));
    }

    /** {@code collect} of a day of {@code disclosures} at rate R (the busy day: the pipelining figure). */
    public Result runDay(double rate, int disclosures) throws Exception {
        Path dir = Files.createTempDirectory("tdnet-bench-polite-");
        try (FakeTdnet fake = FakeTdnet.start()) {
            FakeDay day = fake.addDay(DAY, disclosures, seed);
            StringWriter out = new StringWriter();
            Path sendLog = dir.resolve("sends.txt");
            int exit = tdnet.run(new String[] {"collect", "--date", DAY.toString(), "--tdnet-url", fake.baseUrl(),
                    "--rate", Double.toString(rate), "--data-dir", dir.resolve("data").toString(),
                    "--send-log", sendLog.toString()}, new PrintWriter(out), new PrintWriter(out));
            if (exit != 0) throw new IllegalStateException("collect at rate " + rate + " ended " + exit + ":\n" + out);
            List<RecordedRequest> requests = fake.requests();
            List<Long> times = requests.stream().map(RecordedRequest::nanoTime).sorted().toList();
            List<Long> sends = sendInstants(sendLog).stream().map(n -> n / 1_000).toList();
            List<Long> arrivals = requests.stream().map(q -> q.at().getEpochSecond() * 1_000_000 + q.at().getNano() / 1_000).sorted().toList();
            long[] sentAt = TwinRateBench.pairSends(arrivals, sends, TwinRateBench.MATCH_MICROS);
            List<Long> delays = new java.util.ArrayList<>();
            for (int i = 0; i < sentAt.length; i++) if (sentAt[i] != TwinRateBench.UNMATCHED) delays.add(arrivals.get(i) - sentAt[i]);
            return new Result(rate, day.ids().size(), times.size(), maxInWindow(times, 1_000_000_000L),
                    utilisation(times, rate), span(times), shortestSpan(times, (int) Math.floor(rate) + 1) / 1e6, exit,
                    Sends.of(sendInstants(sendLog), rate), firstDocumentLagMillis(requests),
                    SlotUse.of(SendLog.read(sendLog), SlotSpacing.sameClock(Rate.perSecond(rate)).spacingMicros()),
                    TwinRateBench.Delay.of(delays));
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    /** From the last list page's arrival to the first document request's, ms; NaN when either is missing. */
    static double firstDocumentLagMillis(List<RecordedRequest> requests) {
        long lastList = requests.stream().filter(RecordedRequest::isListPage).mapToLong(RecordedRequest::nanoTime).max().orElse(Long.MIN_VALUE);
        long firstPdf = requests.stream().filter(RecordedRequest::isPdf).mapToLong(RecordedRequest::nanoTime).min().orElse(Long.MIN_VALUE);
        return lastList == Long.MIN_VALUE || firstPdf == Long.MIN_VALUE ? Double.NaN : (firstPdf - lastList) / 1e6;
    }

    /** The send log's send instants ({@link SendLog}, any number of writers), as sorted nanoseconds since the epoch. */
    static List<Long> sendInstants(Path sendLog) throws java.io.IOException {
        return SendLog.read(sendLog).stream().filter(SendLog.Entry::sent).map(e -> e.atMicros() * 1_000).sorted().toList();
    }

    /** The most instants in any half-open window [t, t + window). */
    static int maxInWindow(List<Long> sorted, long windowNanos) {
        int max = 0;
        int j = 0;
        for (int i = 0; i < sorted.size(); i++) {
            while (sorted.get(i) - sorted.get(j) >= windowNanos) j++;
            max = Math.max(max, i - j + 1);
        }
        return max;
    }

    /** The shortest time between request i and request i + n − 1, nanoseconds. */
    static long shortestSpan(List<Long> sorted, int n) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i + n - 1 < sorted.size(); i++) best = Math.min(best, sorted.get(i + n - 1) - sorted.get(i));
        return best;
    }

    static double utilisation(List<Long> sorted, double rate) {
        double span = span(sorted);
        return span <= 0 ? 0 : (sorted.size() - 1) / (rate * span);
    }

    private static double span(List<Long> sorted) {
        return sorted.size() < 2 ? 0 : (sorted.get(sorted.size() - 1) - sorted.get(0)) / 1e9;
    }
}
