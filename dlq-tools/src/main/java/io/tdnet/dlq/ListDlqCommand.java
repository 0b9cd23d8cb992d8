package io.tdnet.dlq;

import io.tdnet.model.JsonCodec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlq list}: depth, oldest message, reasons and redrive target of each DLQ. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Depth, oldest message age, failure reasons and redrive target of each DLQ.")
final class ListDlqCommand implements Callable<Integer> {
    private final DlqContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    ListDlqCommand(DlqContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<DlqSummary> summaries = context.queues().list();
        if (json) {
            out.println(new JsonCodec().encode(summaries.stream().map(ListDlqCommand::jsonView).toList()));
            out.flush();
            return DlqCommand.OK;
        }
        TextTable table = new TextTable("QUEUE", "DLQ", "DEPTH", "VISIBLE", "IN FLIGHT", "OLDEST", "UNREADABLE", "REDRIVES TO");
        for (DlqSummary s : summaries) {
            DlqSummary.RedriveTarget target = s.redrivesTo();
            String redrive = TextTable.queueName(target.queueUrl())
                    + (target.maxReceiveCount() == null ? "" : " (maxReceiveCount " + target.maxReceiveCount() + ")");
            table.row(s.queue().cliName(), TextTable.queueName(s.dlqUrl()), s.depth(), s.visible(), s.inFlight(),
                    TextTable.age(s.oldestAge()), s.unreadable(), redrive);
        }
        table.print(out);
        for (DlqSummary s : summaries) {
            if (s.countsByReason().isEmpty()) continue;
            out.println();
            out.printf("%s: reasons (%d message(s) read)%n", s.queue().cliName(), s.scanned());
            for (Map.Entry<String, Long> e : s.countsByReason().entrySet()) {
                out.printf("  %5d  %s%n", e.getValue(), e.getKey());
            }
        }
        out.flush();
        return DlqCommand.OK;
    }

    /** The JSON shape of one summary: the record plus depth, the age in seconds (null when empty). */
    record SummaryJson(QueueKind queue, String dlqUrl, long depth, long visible, long inFlight,
                       Long oldestAgeSeconds, Map<String, Long> countsByReason, int scanned, int unreadable,
                       DlqSummary.RedriveTarget redrivesTo) {}

    private static SummaryJson jsonView(DlqSummary s) {
        return new SummaryJson(s.queue(), s.dlqUrl(), s.depth(), s.visible(), s.inFlight(),
                s.oldestAge() == null ? null : s.oldestAge().toSeconds(), s.countsByReason(), s.scanned(),
                s.unreadable(), s.redrivesTo());
    }
}
