package io.tdnet.local;

import java.io.PrintWriter;
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
        PrintWriter out = spec.commandLine().getOut();
        java.time.Duration sampleInterval = telemetry.sampleInterval();
        var metrics = new io.tdnet.telemetry.InMemoryMetrics();
        try (PipelineEnvironment env = environment.open();
             LocalPipeline pipeline = new LocalPipeline(env, options, Clock.systemUTC(), metrics)) {
            out.printf("tdnet collect: %s → %s, at most %s requests/s to %s%n", dates.get(0), dates.get(dates.size() - 1),
                    options.rate(), options.origin());
            RunTelemetry runs = new RunTelemetry(env, pipeline.queries(), metrics, environment.dataDir, sampleInterval,
                    "collect", RunTelemetry.commandSuffix(environment), Clock.systemUTC());
            return new Collector(pipeline, out, ProgressPrinter.forConsole(out), runs).collect(dates);
        }
    }
}
