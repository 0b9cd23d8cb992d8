package io.tdnet.persister;

import io.tdnet.ledger.Transition;
import io.tdnet.model.PersistMessage;
import io.tdnet.telemetry.PipelineMetrics;

/**
 * Counts each recorded outcome: stored, already present, failed by reason. A duplicate delivery changed
 * nothing and counts nothing, so the metrics agree with the ledger's exact counters.
 */
public final class OutcomeMetrics implements PersistWorker.OutcomeListener {
    private final PipelineMetrics metrics;

    public OutcomeMetrics(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void recorded(PersistMessage message, Transition transition) {
        switch (transition) {
            case STORED -> metrics.stored();
            case ALREADY_PRESENT -> metrics.alreadyPresent();
            case FAILED -> metrics.failed(message.failureReason());
            case DUPLICATE -> { }
        }
    }
}
