package io.tdnet.cli;

import io.tdnet.twin.TwinMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code tdnet twin}: one day through the local twin of the deployed stack (docs/TWIN.md) — the synthesized
 * template's queues, tables and bucket, its three functions as Lambda runs them, the cross-checks. The work
 * is {@link TwinMain}'s; this mounts it with collect's exit codes (1 also when a cross-check fails).
 */
@Command(name = "twin", mixinStandardHelpOptions = true,
        description = {"Run one TDnet day through the local twin of the deployed stack (built from the synthesized template):",
                "fake TDnet (default: the busy day with transient and permanent faults) → scheduled lister Lambda →",
                "downloader Lambdas → persister Lambdas; prints collect's summary, each function's logs, figures and",
                "the IAM, metric-identity and environment cross-checks.",
                "Exit: 0 settled, 3 settled with failures, 4 list unreadable, 1 not settled or a cross-check failed."})
final class TwinCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--date", description = "The TDnet day (default: 2026-02-13, the fake busy day).")
    LocalDate date;

    @Option(names = "--rate", description = "Requests/s to TDnet for the whole deployment (what -c rate=R deploys).")
    String rate;

    @Option(names = "--tdnet-url", description = "A TDnet to use instead of the bundled fake (e.g. tdnet fake-tdnet).")
    String tdnetUrl;

    @Option(names = "--rows", description = "Rows of the fake day (default: 2,694, the busy day).")
    Integer rows;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>();
        if (date != null) args.addAll(List.of("--date", date.toString()));
        if (rate != null) args.addAll(List.of("--rate", rate));
        if (tdnetUrl != null) args.addAll(List.of("--tdnet-url", tdnetUrl));
        if (rows != null) args.addAll(List.of("--rows", rows.toString()));
        // TwinMain prints to a PrintStream; the CLI's out is a writer, so lines are forwarded as they come
        PrintStream out = new PrintStream(new LineForwarder(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
        try {
            return TwinMain.run(args.toArray(String[]::new), out);
        } finally {
            out.flush();
        }
    }

    /** Bytes to the CLI's writer, decoded per line (UTF-8 titles never split across a flush). */
    private static final class LineForwarder extends java.io.OutputStream {
        private final java.io.PrintWriter target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineForwarder(java.io.PrintWriter target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') flush();
        }

        @Override
        public synchronized void flush() {
            if (line.size() == 0) return;
            target.print(line.toString(StandardCharsets.UTF_8));
            target.flush();
            line.reset();
        }
    }
}
