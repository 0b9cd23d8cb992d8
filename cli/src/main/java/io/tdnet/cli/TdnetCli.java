package io.tdnet.cli;

import io.tdnet.local.LocalDlqContext;
import io.tdnet.dlq.DlqCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tdnet} command line: collect, status, export, serve, demo, twin, and the DLQ tools. */
@Command(name = "tdnet", mixinStandardHelpOptions = true, version = "tdnet-pipeline 0.1",
        description = "Archives every TDnet timely disclosure: list → SQS → S3 → DynamoDB, on the embedded stack or on AWS.",
        subcommands = {CollectCommand.class, StatusCommand.class, ExportCommand.class, ReportCommand.class, ReconcileCommand.class, DemoCommand.class,
                FakeTdnetCommand.class, BenchCommand.class, TwinCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class TdnetCli {

    public static void main(String[] args) {
        System.exit(run(args, utf8(java.io.FileDescriptor.out), utf8(java.io.FileDescriptor.err)));
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this in-process). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        EnvironmentOptions dlqEnvironment = new EnvironmentOptions();
        TdnetOptions dlqTdnet = new TdnetOptions();
        try (LocalDlqContext dlq = new LocalDlqContext(dlqEnvironment::open, () -> dlqEnvironment.aws,
                () -> dlqTdnet.toCollectOptions(false), java.time.Clock.systemUTC(), out)) {
            CommandLine cli = commandLine(dlq, dlqEnvironment, dlqTdnet);
            cli.setOut(out);
            cli.setErr(err);
            cli.setExecutionStrategy(parsed -> {
                LogOptions.apply(parsed); // before any command logs a line
                return new CommandLine.RunLast().execute(parsed);
            });
            return cli.execute(args);
        }
    }

    /** Japanese titles must survive any locale: the console streams are always UTF-8. */
    private static PrintWriter utf8(java.io.FileDescriptor fd) {
        return new PrintWriter(new java.io.OutputStreamWriter(new java.io.FileOutputStream(fd), java.nio.charset.StandardCharsets.UTF_8), true);
    }

    static CommandLine commandLine(LocalDlqContext dlqContext, EnvironmentOptions dlqEnvironment, TdnetOptions dlqTdnet) {
        CommandLine cli = new CommandLine(new TdnetCli());
        CommandLine dlq = DlqCommand.commandLine(dlqContext);
        // every dlq subcommand takes --data-dir/--aws…; redrive also takes collect's TDnet options
        dlq.getSubcommands().values().forEach(sub -> sub.addMixin("environment", dlqEnvironment));
        dlq.getSubcommands().get("redrive").addMixin("tdnet", dlqTdnet);
        cli.addSubcommand("dlq", dlq);
        LogOptions.addTo(cli);
        cli.setExitCodeExceptionMapper(e -> e instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FATAL);
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("tdnet: " + e.getMessage());
            e.getCommandLine().getErr().println("try: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("tdnet: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (!(e instanceof IllegalArgumentException)) {
                org.slf4j.LoggerFactory.getLogger(TdnetCli.class).debug("fatal", e);
            }
            return e instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FATAL;
        });
        return cli;
    }
}
