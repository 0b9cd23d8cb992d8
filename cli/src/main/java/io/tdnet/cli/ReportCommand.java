package io.tdnet.cli;

import io.tdnet.local.PipelineEnvironment;
import io.tdnet.local.RunTelemetry;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.telemetry.InMemoryMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page about an execution: summary and status history, counters,",
                "queue depth and throughput over the run, retries and waits, and the failures with the command to recover them."})
final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin EnvironmentOptions environment;

    @Mixin ExecutionChoice execution;

    @Option(names = "--output", paramLabel = "FILE.html",
            description = "Where to write it (default: <data-dir>/reports/<date>-<execution_id>.html).")
    Path output;

    @Override
    public Integer call() {
        if (!execution.given()) throw new IllegalArgumentException("give --date D or --execution ID");
        try (PipelineEnvironment env = environment.open()) {
            var r = env.resources();
            Clock clock = Clock.systemUTC();
            ExecutionQueries queries = new ExecutionQueries(env.dynamoDb(), r.executionsTable());
            Optional<ExecutionSummary> found = execution.find(queries, env, spec.commandLine().getErr());
            if (found.isEmpty()) return ExitCodes.USAGE;
            if (execution.date != null && !found.get().targetDate().equals(execution.date)) {
                throw new IllegalArgumentException("execution " + execution.executionId + " is of " + found.get().targetDate()
                        + ", not " + execution.date);
            }
            RunTelemetry telemetry = new RunTelemetry(env, queries, new InMemoryMetrics(), environment.dataDir, Duration.ofSeconds(1),
                    "report", environment.commandSuffix(), clock);
            Path written = telemetry.writeReport(found.get().executionId(), output);
            spec.commandLine().getOut().println(written);
            return ExitCodes.OK;
        }
    }
}
