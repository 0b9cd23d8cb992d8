package io.tdnet.cli;

import io.tdnet.cli.view.ProgressPrinter;
import io.tdnet.local.CollectOptions;
import io.tdnet.local.Collector;
import io.tdnet.local.LocalPipeline;
import io.tdnet.local.PipelineEnvironment;
import io.tdnet.local.RunTelemetry;
import io.tdnet.telemetry.InMemoryMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Archive every disclosure of a date (or a range): list, download, store.",
                "Running a date again stores only what is new; after a crash it continues the same execution.",
                "Exit codes: 0 all stored, 3 settled with failures, 4 the day could not be read completely, 2 bad input."})
final class CollectCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @ArgGroup(exclusive = false, multiplicity = "1", heading = "Dates:%n") DateRange range;
    @Mixin EnvironmentOptions environment;
    @Mixin TdnetOptions tdnet;
    @Mixin TelemetryOptions telemetry;

    @Override
    public Integer call() throws Exception {
        List<LocalDate> dates = range.dates();
        CollectOptions options = tdnet.toCollectOptions(false);
        Duration sampleInterval = telemetry.sampleInterval();
        try (PipelineEnvironment env = environment.open()) {
            return collect(env, environment.dataDir, environment.commandSuffix(), options, sampleInterval, dates,
                    spec.commandLine().getOut());
        }
    }

    /**
     * The collect path: the pipeline on {@code env}, run samples and the report recorded under
     * {@code dataDir}. {@code demo} runs exactly this, so a demo day has the same records and report.
     *
     * @param commandSuffix the flags that make the report's printed commands act on the same archive
     */
    static int collect(PipelineEnvironment env, Path dataDir, String commandSuffix, CollectOptions options,
                       Duration sampleInterval, List<LocalDate> dates, PrintWriter out) throws InterruptedException {
        InMemoryMetrics metrics = new InMemoryMetrics();
        try (LocalPipeline pipeline = new LocalPipeline(env, options, Clock.systemUTC(), metrics)) {
            out.printf("tdnet collect: %s → %s, %s to %s%s%n", dates.get(0), dates.get(dates.size() - 1),
                    options.unthrottled() ? "unthrottled" : "at most " + options.rate() + " requests/s", options.origin(),
                    // the floor: each linked XBRL is one more request at the same rate
                    options.withXbrl() ? " (with XBRL: one more request per row with an XBRL link, same rate)" : "");
            RunTelemetry runs = new RunTelemetry(env, pipeline.queries(), metrics, dataDir, sampleInterval, "collect",
                    commandSuffix, Clock.systemUTC());
            return ExitCodes.of(new Collector(pipeline, out, ProgressPrinter.forConsole(out), runs).collect(dates));
        }
    }
}
