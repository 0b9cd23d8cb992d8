package io.tdnet.cli;

import io.tdnet.cli.view.StatusView;
import io.tdnet.local.PipelineEnvironment;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.JsonCodec;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show an execution: the latest of a date, one by id, or (with no option) the recent ones."})
final class StatusCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin EnvironmentOptions environment;

    @Mixin ExecutionChoice execution;

    @Option(names = "--json", description = "One JSON object (its fields: docs/ARCHITECTURE.md, CLI contract).")
    boolean json;

    @Option(names = "--limit", defaultValue = "20", description = "How many recent executions to list (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (execution.date != null && execution.executionId != null) {
            throw new IllegalArgumentException("give --date or --execution, not both");
        }
        JsonCodec codec = new JsonCodec();
        try (PipelineEnvironment env = environment.open()) {
            var resources = env.resources();
            ExecutionQueries queries = new ExecutionQueries(env.dynamoDb(), resources.executionsTable());
            if (!execution.given()) {
                List<ExecutionSummary> recent = queries.recent(limit);
                if (json) {
                    out.println(codec.encode(recent.stream().map(s -> StatusView.json(s, List.of())).toList()));
                } else if (recent.isEmpty()) {
                    out.println("no executions yet in " + env.describe() + " — run: tdnet collect --date YYYY-MM-DD");
                } else {
                    out.println(StatusView.header());
                    recent.forEach(s -> out.println(StatusView.line(s)));
                }
                return ExitCodes.OK;
            }
            Optional<ExecutionSummary> found = execution.find(queries, env, spec.commandLine().getErr());
            if (found.isEmpty()) return ExitCodes.USAGE;
            ExecutionSummary summary = found.get();
            var failures = queries.failures(summary.executionId());
            out.print(json ? codec.encode(StatusView.json(summary, failures)) + System.lineSeparator() : StatusView.human(summary, failures));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
