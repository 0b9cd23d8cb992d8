package io.tdnet.local;

import io.tdnet.model.ExecutionSummary;
import io.tdnet.telemetry.InMemoryMetrics;
import java.time.LocalDate;

/**
 * What the {@link Collector} reports while an execution runs; the CLI shows it on the console, the
 * bench prints it now and then, tests ignore it.
 */
public interface CollectProgress {
    /** Shows nothing. */
    CollectProgress NONE = new CollectProgress() {};

    /** The list of {@code date} is being read; {@code metrics} counts the pages read so far. */
    default void listing(LocalDate date, InMemoryMetrics metrics) {}

    /** The list has been read (or failed). */
    default void listed() {}

    /** The execution's disclosures are enqueued and the workers start. */
    default void start(ExecutionSummary summary) {}

    /** Called about every poll while the workers run. */
    default void update(ExecutionSummary summary) {}

    /** The execution settled (or was given up on). */
    default void finish(ExecutionSummary summary) {}
}
