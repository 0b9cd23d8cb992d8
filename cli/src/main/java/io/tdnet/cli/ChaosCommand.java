package io.tdnet.cli;

import io.tdnet.bench.ChaosMonkey;
import io.tdnet.bench.ChaosRun;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tdnet bench chaos}: seeded randomized runs of faults, stalls, duplicate deliveries and killed
 * workers, each healed and redriven, then checked against the fake's ground truth. Exit 0 only when no
 * run lost, doubled or miscounted anything and every other invariant held.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Randomized fault runs (transient and permanent faults, stalls, duplicate deliveries, workers",
                "killed mid-message), then heal + DLQ redrive, then every invariant (docs/ARCHITECTURE.md) checked against the",
                "fake TDnet's ground truth. Exits 1 if any run lost, doubled or miscounted anything."})
final class ChaosCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seed", defaultValue = "9", description = "Seed of the first run; run i uses seed + i (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--runs", defaultValue = "5", description = "How many runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--disclosures", defaultValue = "120", description = "Disclosures per fake day (default: ${DEFAULT-VALUE}).")
    int disclosures;

    @Option(names = "--rate", defaultValue = "100", description = "Requests/s to the fake TDnet, checked per 1-s window (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--kill-probability", defaultValue = "0.03",
            description = "Chance that a worker dies at each kill point it passes (default: ${DEFAULT-VALUE}).")
    double killProbability;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || disclosures < 10) throw new IllegalArgumentException("--runs ≥ 1 and --disclosures ≥ 10");
        PrintWriter out = spec.commandLine().getOut();
        Level previous = quietExpectedFailures();
        try {
            return runAll(out);
        } finally {
            restore(previous);
        }
    }

    private int runAll(PrintWriter out) throws Exception {
        int lost = 0;
        int doubled = 0;
        int counters = 0;
        int other = 0;
        long kills = 0;
        out.printf("chaos: %d runs from seed %d, %d disclosures each, R = %s, kill probability %s%n", runs, seed, disclosures,
                rate, killProbability);
        for (int i = 0; i < runs; i++) {
            ChaosRun.Result r = new ChaosRun(seed + i, disclosures, rate, killProbability).run();
            long k = r.kills().values().stream().mapToLong(Long::longValue).sum();
            kills += k;
            lost += r.lost();
            doubled += r.doubled();
            counters += r.counterErrors();
            other += r.errors().size() - r.lost() - r.doubled() - r.counterErrors();
            out.printf("run %2d seed %d: %s stored %d · failed %d of %d listed · %d requests (max %d/s) · faults %s · %d kills %s · "
                            + "lost %d doubled %d counter errors %d · %.1f s%n",
                    i + 1, r.seed(), r.summary().status(), r.summary().stored(), r.summary().failed(), r.summary().listed(),
                    r.requests(), r.maxInAnySecond(), r.faults(), k, compact(r.kills()), r.lost(), r.doubled(), r.counterErrors(),
                    r.seconds());
            for (String e : r.errors()) out.println("   ✗ " + e);
            out.flush();
        }
        out.printf("chaos total: %d runs, %d kills · lost %d · doubled %d · counter errors %d · other invariant errors %d%n",
                runs, kills, lost, doubled, counters, other);
        return lost + doubled + counters + other == 0 ? ExitCodes.OK : ExitCodes.FATAL;
    }

    private static String compact(Map<ChaosMonkey.KillPoint, Long> kills) {
        StringBuilder b = new StringBuilder("(");
        kills.forEach((k, v) -> {
            if (v > 0) b.append(b.length() > 1 ? ", " : "").append(k.name().toLowerCase()).append(' ').append(v);
        });
        return b.append(')').toString();
    }

    /** The faults are the point here: the workers' warnings about them would drown the figures. */
    private static Level quietExpectedFailures() {
        if (LoggerFactory.getLogger("io.tdnet") instanceof Logger logger && !logger.isDebugEnabled()) {
            Level previous = logger.getLevel();
            logger.setLevel(Level.OFF);
            return previous;
        }
        return null;
    }

    private static void restore(Level previous) {
        if (previous != null && LoggerFactory.getLogger("io.tdnet") instanceof Logger logger) logger.setLevel(previous);
    }
}
