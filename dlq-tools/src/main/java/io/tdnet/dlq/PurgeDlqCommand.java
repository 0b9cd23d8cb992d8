package io.tdnet.dlq;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlq purge --queue Q --yes}: deletes a DLQ's messages for good. */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Delete every message of one DLQ for good (the disclosures stay FAILED). Needs --yes.")
final class PurgeDlqCommand implements Callable<Integer> {
    private final DlqContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--queue", required = true, paramLabel = "download|persist",
            converter = DlqCommand.QueueKindConverter.class, description = "Which DLQ.")
    QueueKind queue;

    @Option(names = "--yes", description = "Confirm: the messages cannot be recovered afterwards.")
    boolean yes;

    PurgeDlqCommand(DlqContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!yes) {
            spec.commandLine().getErr().printf(
                    "Refusing to purge the %s DLQ without --yes: its messages would be deleted for good and their "
                            + "disclosures recorded FAILED (purged). Run `dlq peek --queue %s` first, then repeat with --yes.%n",
                    queue.cliName(), queue.cliName());
            spec.commandLine().getErr().flush();
            return DlqCommand.USAGE;
        }
        long deleted = context.queues().purge(queue, context.purgedOutcomes());
        spec.commandLine().getOut().printf("Purged the %s DLQ: deleted %d message(s) (counted one by one), each outcome recorded FAILED (purged).%n",
                queue.cliName(), deleted);
        spec.commandLine().getOut().flush();
        return DlqCommand.OK;
    }
}
