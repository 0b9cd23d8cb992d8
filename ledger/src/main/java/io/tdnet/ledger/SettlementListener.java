package io.tdnet.ledger;

import io.tdnet.model.ExecutionStatus;
import java.time.Duration;

/**
 * Told when this ledger's own conditional update settled an execution. Exactly one writer wins that
 * update however many race, so a listener that counts (the {@code Executions{Status}} metric) counts
 * each execution once, in whichever function settled it.
 */
@FunctionalInterface
public interface SettlementListener {
    /**
     * @param status   the settled status (COMPLETED or COMPLETED_WITH_FAILURES)
     * @param duration from the execution's start to its settlement
     */
    void settled(ExecutionStatus status, Duration duration);

    SettlementListener NONE = (status, duration) -> {};
}
