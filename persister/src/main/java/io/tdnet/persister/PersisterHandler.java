package io.tdnet.persister;

import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;
import io.tdnet.wiring.SqsBatchFunction;

/** The persister Lambda: SQS event → {@link PersistWorker} → partial batch failures. */
public final class PersisterHandler extends SqsBatchFunction {
    /** The {@code Component} dimension of this Lambda's metrics. */
    public static final String COMPONENT = "persister";

    public PersisterHandler() {
        super(PersisterFunction.wire(FunctionWiring.fromProcess()));
    }

    /** A worker whose {@link OutcomeMetrics} report to {@code metrics}, flushed once per invocation. */
    public PersisterHandler(PersistWorker worker, EmfMetrics metrics) {
        super(new Parts(worker, metrics, null));
    }
}
