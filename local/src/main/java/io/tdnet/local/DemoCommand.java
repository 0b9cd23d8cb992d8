package io.tdnet.local;

import io.tdnet.model.TdnetOrigin;
import io.tdnet.testkit.tdnet.FakeTdnet;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole pipeline on the embedded stack against a bundled fake TDnet serving a busy day",
                "(2,694 disclosures on 27 pages, like 2026-02-13), unthrottled, with no network. A first run."})
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

    @Override
    public Integer call() throws Exception {
        if (disclosures < 0) throw new IllegalArgumentException("--disclosures must be ≥ 0");
        PrintWriter out = spec.commandLine().getOut();
        prepare(dataDir);
        try (FakeTdnet tdnet = FakeTdnet.start()) {
            tdnet.addDay(DAY, disclosures, seed);
            out.printf("fake TDnet serving %s with %,d disclosures at %s%n", DAY, disclosures, tdnet.baseUrl());
            long t0 = System.nanoTime();
            try (EmbeddedEnvironment env = EmbeddedEnvironment.start(dataDir)) {
                out.printf("embedded stack (ElasticMQ, DynamoDB Local, S3Proxy) up in %.1f s under %s%n",
                        env.stack().startupTime().toMillis() / 1000.0, dataDir.toAbsolutePath().normalize());
                CollectOptions options = new CollectOptions(TdnetOrigin.of(tdnet.baseUrl()), 0,
                        io.tdnet.model.Tdnet.DEFAULT_MAX_PDF_BYTES, io.tdnet.model.Tdnet.DEFAULT_USER_AGENT, 8, 4);
                int exit;
                try (LocalPipeline pipeline = new LocalPipeline(env, options, Clock.systemUTC())) {
                    exit = new Collector(pipeline, out, ProgressPrinter.forConsole(out)).collect(DAY);
                    var summary = pipeline.queries().latestFor(DAY).orElseThrow();
                    out.println();
                    out.print(StatusView.human(summary, pipeline.queries().failures(summary.executionId())));
                }
                out.printf("%nPDFs:   %s%n", env.locationOf(String.format("pdf/%04d/%02d/%02d/", DAY.getYear(), DAY.getMonthValue(), DAY.getDayOfMonth())));
                out.printf("wall time %.1f s (stack start included)%n", (System.nanoTime() - t0) / 1e9);
                out.printf("next:   ./tdnet status --data-dir %s --date %s%n", dataDir, DAY);
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
