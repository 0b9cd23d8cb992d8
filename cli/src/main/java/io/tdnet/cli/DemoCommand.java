package io.tdnet.cli;

import io.tdnet.cli.view.StatusView;
import io.tdnet.local.CollectOptions;
import io.tdnet.local.EmbeddedEnvironment;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.faketdnet.FakeTdnet;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tdnet demo}: starts the bundled fake TDnet, then runs exactly the {@code collect} path against
 * it on a fresh embedded stack, so the demo day has the same run record and report as a collected day.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole pipeline on the embedded stack against a bundled fake TDnet serving a busy day",
                "(2,694 disclosures on 27 pages, like 2026-02-13), unthrottled, with no network. A first run:",
                "it is `collect` against the fake, with the same run record and report."})
final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    private static final String MARKER = ".tdnet-demo";

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "tdnet-demo",
            description = "Where the demo keeps its state; emptied first (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--disclosures", defaultValue = "2694", description = "Size of the fake day (default: ${DEFAULT-VALUE}).")
    int disclosures;

    @Option(names = "--seed", defaultValue = "20260213", description = "Seed of the fake day (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin TelemetryOptions telemetry;

    @Override
    public Integer call() throws Exception {
        if (disclosures < 0) throw new IllegalArgumentException("--disclosures must be ≥ 0");
        PrintWriter out = spec.commandLine().getOut();
        Duration sampleInterval = telemetry.sampleInterval();
        prepare(dataDir);
        try (FakeTdnet tdnet = FakeTdnet.start()) {
            tdnet.addDay(DAY, disclosures, seed);
            out.printf("fake TDnet serving %s with %,d disclosures at %s%n", DAY, disclosures, tdnet.baseUrl());
            long t0 = System.nanoTime();
            try (EmbeddedEnvironment env = EmbeddedEnvironment.start(dataDir)) {
                out.printf("embedded stack (ElasticMQ, DynamoDB Local, S3Proxy) up in %.1f s under %s%n",
                        env.stack().startupTime().toMillis() / 1000.0, dataDir.toAbsolutePath().normalize());
                // unthrottled: the only server is the bundled fake on loopback
                CollectOptions options = CollectOptions.unthrottled(TdnetOrigin.of(tdnet.baseUrl()));
                int exit = CollectCommand.collect(env, dataDir, " --data-dir " + dataDir, options, sampleInterval, List.of(DAY), out);
                ExecutionQueries queries = new ExecutionQueries(env.dynamoDb(), env.resources().executionsTable());
                ExecutionSummary summary = queries.latestFor(DAY).orElseThrow();
                out.println();
                out.print(StatusView.human(summary, queries.failures(summary.executionId())));
                out.printf("%nPDFs:   %s%n", env.locationOf(String.format("pdf/%04d/%02d/%02d/", DAY.getYear(), DAY.getMonthValue(), DAY.getDayOfMonth())));
                out.printf("wall time %.1f s (stack start included)%n", (System.nanoTime() - t0) / 1e9);
                out.printf("next:   ./tdnet status --data-dir %s --date %s%n", dataDir, DAY);
                out.printf("        ./tdnet report --data-dir %s --date %s%n", dataDir, DAY);
                out.printf("        ./tdnet export --data-dir %s --date %s --format csv --output demo.csv%n", dataDir, DAY);
                return exit;
            }
        }
    }

    /** Empties the demo directory, refusing to touch a directory the demo did not create. */
    static void prepare(Path dir) throws IOException {
        if (Files.exists(dir)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(dir)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !Files.exists(dir.resolve(MARKER))) {
                throw new IllegalArgumentException(dir + " exists and was not made by the demo; choose another --data-dir");
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), "made by ./tdnet demo; emptied at every demo run\n");
    }
}
