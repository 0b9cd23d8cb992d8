package io.tdnet.dlq;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dlq redrive}: moves DLQ messages back to their queues, then lets the context's follow-up say
 * how they ended. Exit 0 when all that moved recovered (or nothing needed doing), 3 when some failed again.
 */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Move DLQ messages back to their queues (all, or those matching the filters).")
final class RedriveDlqCommand implements Callable<Integer> {
    private final DlqContext context;

    @Spec
    CommandSpec spec;

    @Mixin DlqChoice dlqs;

    @Option(names = "--disclosure", paramLabel = "ID", description = "Only this disclosure id (repeatable).")
    List<String> disclosureIds = List.of();

    @Option(names = "--reason", paramLabel = "TEXT", description = "Only messages whose failure reason contains TEXT.")
    String reason;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Only disclosures of this date.")
    LocalDate date;

    @Option(names = "--dry-run", description = "Move nothing; show what would move.")
    boolean dryRun;

    @Option(names = "--max-per-second", paramLabel = "N", description = "Most messages moved per second.")
    Integer maxPerSecond;

    RedriveDlqCommand(DlqContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RedriveRequest request;
        try {
            Set<String> ids = new LinkedHashSet<>(disclosureIds);
            request = new RedriveRequest(dlqs.chosen(), ids, reason, date, dryRun, maxPerSecond, context.aws());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return DlqCommand.USAGE;
        }
        RedriveReport report = context.queues().redrive(request, new RedriveProgress() {
            @Override
            public void moveTask(MoveTaskResult status) {
                // ApproximateNumberOfMessagesToMove is SQS's estimate (emulators report what is left).
                out.printf("move task %s: %s, %d moved, %s to move%n", status.queue().cliName(), status.status(),
                        status.moved(), status.toMove() == null ? "?" : status.toMove());
                out.flush();
            }
        });
        printMoved(out, report);
        if (!report.moveTasksCompleted()) {
            for (MoveTaskResult task : report.moveTasks()) {
                if (!task.completed()) {
                    err.printf("move task for the %s DLQ ended %s%s%n", task.queue().cliName(), task.status(),
                            task.failureReason() == null ? "" : ": " + task.failureReason());
                }
            }
            err.flush();
            return DlqCommand.FATAL;
        }
        if (report.dryRun() || report.moved().isEmpty()) return DlqCommand.OK;

        FollowUpResult result = context.followUp().settle(report);
        if (!result.followed()) return DlqCommand.OK;
        List<FollowUpResult.Settlement> recovered = result.recovered();
        List<FollowUpResult.Settlement> failedAgain = result.failedAgain();
        out.printf("%nRecovered: %d%n", recovered.size());
        if (!recovered.isEmpty()) {
            TextTable table = new TextTable("DISCLOSURE", "EXECUTION", "OUTCOME");
            recovered.forEach(s -> table.row(s.disclosureId(), s.executionId(), s.outcome()));
            table.print(out);
        }
        out.printf("Failed again: %d%n", failedAgain.size());
        if (!failedAgain.isEmpty()) {
            TextTable table = new TextTable("DISCLOSURE", "EXECUTION", "OUTCOME", "REASON");
            failedAgain.forEach(s -> table.row(s.disclosureId(), s.executionId(), s.outcome(), s.reason()));
            table.print(out);
        }
        out.flush();
        return failedAgain.isEmpty() ? DlqCommand.OK : DlqCommand.FAILED_AGAIN;
    }

    private static void printMoved(PrintWriter out, RedriveReport report) {
        String verb = report.dryRun() ? "Would move" : "Moved";
        out.printf("%s %d message(s) (%d examined, %d left in the DLQ)%s%n", verb, report.moved().size(),
                report.examined(), report.leftInPlace(),
                report.moveTasks().isEmpty() ? "" : " by SQS move task");
        if (!report.moved().isEmpty()) {
            TextTable table = new TextTable("QUEUE", "MESSAGE ID", "DISCLOSURE", "EXECUTION", "REASON");
            for (MovedMessage m : report.moved()) {
                table.row(m.queue().cliName(), m.messageId(), m.disclosureId() == null ? "(unreadable)" : m.disclosureId(),
                        m.executionId(), m.reason());
            }
            table.print(out);
        }
        out.flush();
    }
}
