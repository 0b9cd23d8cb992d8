package io.tdnet.dlq;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code --queue download|persist} where it may be left out: one DLQ, or both; shared by peek and redrive. */
final class DlqChoice {
    @Option(names = "--queue", paramLabel = "download|persist", converter = DlqCommand.QueueKindConverter.class,
            description = "Which DLQ (default: both).")
    QueueKind queue;

    /** The chosen DLQ, or null for both. */
    QueueKind chosen() {
        return queue;
    }

    /** The DLQs to act on, in {@link QueueKind} order. */
    List<QueueKind> kinds() {
        return queue == null ? List.of(QueueKind.values()) : List.of(queue);
    }
}
