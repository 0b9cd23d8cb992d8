package io.tdnet.dlq;

import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dlq}: list, peek, redrive, purge. The CLI mounts it with
 * {@code root.addSubcommand(DlqCommand.commandLine(context))}.
 *
 * <p>Exit codes: 0 done (redrive: everything redriven settled as stored or already present, or nothing
 * to do); 3 some redriven disclosures failed again; 2 bad usage (purge without {@code --yes}, a bad
 * option value); 1 anything else (SQS errors, a move task that did not complete).
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "List, peek at, redrive and purge the dead-letter queues.")
public final class DlqCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FATAL = 1;
    static final int USAGE = 2;
    static final int FAILED_AGAIN = 3;

    @Spec
    CommandSpec spec;

    /** The {@code dlq} command with its four subcommands, all bound to {@code context}. */
    public static CommandLine commandLine(DlqContext context) {
        Objects.requireNonNull(context, "context");
        CommandLine dlq = new CommandLine(new DlqCommand());
        dlq.addSubcommand(new ListDlqCommand(context));
        dlq.addSubcommand(new PeekDlqCommand(context));
        dlq.addSubcommand(new RedriveDlqCommand(context));
        dlq.addSubcommand(new PurgeDlqCommand(context));
        return dlq;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("Missing subcommand: list, peek, redrive or purge.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** {@code --queue download|persist}. */
    static final class QueueKindConverter implements CommandLine.ITypeConverter<QueueKind> {
        @Override
        public QueueKind convert(String value) {
            try {
                return QueueKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
