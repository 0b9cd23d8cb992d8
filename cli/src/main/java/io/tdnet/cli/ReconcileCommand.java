package io.tdnet.cli;

import io.tdnet.local.PipelineEnvironment;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.reconciler.ExecutionReconciler;
import io.tdnet.reconciler.ReconcileReport;
import io.tdnet.telemetry.PipelineMetrics;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tdnet reconcile [--date D | --all] [--dry-run]}: the reconciler the stack schedules and every
 * local run ends with, on demand. Exit 0 when everything it looked at is settled, 3 when something is
 * still unsettled (its messages are still alive), as {@code collect}'s codes.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Settle unsettled executions: outcomes whose message left every live queue become FAILED",
                "(dead-lettered if a DLQ holds it, else lost); executions whose outcomes are all final settle."})
final class ReconcileCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin EnvironmentOptions environment;

    static final class Scope {
        @Option(names = "--date", paramLabel = "D", converter = Dates.class, description = "The unsettled executions of this date.")
        LocalDate date;

        @Option(names = "--all", description = "Every unsettled execution (the default).")
        boolean all;
    }

    @ArgGroup(exclusive = true)
    Scope scope;

    @Option(names = "--dry-run", description = "Say what would be recorded, change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PipelineEnvironment env = environment.open()) {
            // the CLI waits as long as the scheduled reconciler for SQS's counts to settle, except on the embedded stack
            Duration grace = env.ownsRunningExecutions() ? Duration.ZERO : Duration.ofMinutes(2);
            ExecutionReconciler reconciler = ExecutionReconciler.over(env.dynamoDb(), env.sqs(), env.resources(), grace,
                    PipelineMetrics.NONE, Clock.systemUTC());
            LocalDate date = scope == null ? null : scope.date;
            ReconcileReport report = date != null ? reconciler.reconcile(date, dryRun) : reconciler.reconcileAll(dryRun);
            String verb = dryRun ? "would record" : "recorded";
            report.gone().forEach(g -> out.printf("%s %s FAILED (%s) in execution %s%n", verb, g.disclosureId().value(),
                    g.reason().reason(), g.executionId()));
            for (ExecutionSummary e : report.executions()) {
                out.printf("%s  %-23s  %s  stored %,d · already present %,d · in flight %,d · failed %,d · pending %,d%n",
                        e.targetDate(), e.status(), e.executionId(), e.stored(), e.alreadyPresent(), e.inFlight(), e.failed(),
                        e.pending());
            }
            out.printf("%d execution(s) looked at, %d settled%s%s%n", report.executions().size(), report.settled(),
                    report.unsettledPastDeadline() > 0 ? ", " + report.unsettledPastDeadline() + " unsettled past the deadline" : "",
                    dryRun ? " (dry run: nothing changed)" : "");
            out.flush();
            return report.settled() == report.executions().size() ? ExitCodes.OK : ExitCodes.FAILURES;
        }
    }
}
