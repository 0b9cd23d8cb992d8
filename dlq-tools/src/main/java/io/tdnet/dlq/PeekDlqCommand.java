package io.tdnet.dlq;

import io.tdnet.model.JsonCodec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlq peek}: shows DLQ messages and leaves them where they are. */
@Command(name = "peek", mixinStandardHelpOptions = true,
        description = "Show DLQ messages without consuming them.")
final class PeekDlqCommand implements Callable<Integer> {
    private final DlqContext context;

    @Spec
    CommandSpec spec;

    @Mixin DlqChoice dlqs;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "Most messages shown per DLQ (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    PeekDlqCommand(DlqContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            spec.commandLine().getErr().println("--limit must be at least 1");
            return DlqCommand.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        List<DeadLetter> letters = new ArrayList<>();
        for (QueueKind kind : dlqs.kinds()) {
            letters.addAll(context.queues().peek(kind, limit));
        }
        if (json) {
            out.println(new JsonCodec().encode(letters));
            out.flush();
            return DlqCommand.OK;
        }
        if (letters.isEmpty()) {
            out.println("No messages.");
            out.flush();
            return DlqCommand.OK;
        }
        TextTable table = new TextTable("QUEUE", "MESSAGE ID", "DISCLOSURE", "EXECUTION", "DATE", "RECEIVES",
                "FIRST FAILURE", "REASON");
        for (DeadLetter l : letters) {
            table.row(l.queue().cliName(), l.messageId(),
                    l.readable() ? l.disclosureId() : "(unreadable)", l.executionId(), l.disclosedDate(),
                    l.receiveCount(), l.firstFailureAt(),
                    l.readable() ? l.reason() : l.reason() + " [body: " + l.unreadable() + "]");
        }
        table.print(out);
        return DlqCommand.OK;
    }
}
