package io.tdnet.persister;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.tdnet.model.SqsLambdaBatch;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;
import io.tdnet.wiring.ResourceCheck;

/** The persister Lambda: SQS event → {@link PersistWorker} → partial batch failures. */
public final class PersisterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** The {@code Component} dimension of this Lambda's metrics. */
    public static final String COMPONENT = "persister";

    private final PersistWorker worker;
    private final EmfMetrics metrics;
    /** Held for the handler's life: under SnapStart it is the restore hook the runtime holds only weakly. */
    private final ResourceCheck resources;

    public PersisterHandler() {
        this(PersisterFunction.wire(FunctionWiring.fromProcess()));
    }

    private PersisterHandler(PersisterHandler wired) { this(wired.worker, wired.metrics, wired.resources); }

    /** A worker whose {@link OutcomeMetrics} report to {@code metrics}, flushed once per invocation. */
    public PersisterHandler(PersistWorker worker, EmfMetrics metrics) {
        this(worker, metrics, null);
    }

    PersisterHandler(PersistWorker worker, EmfMetrics metrics, ResourceCheck resources) {
        this.worker = worker;
        this.metrics = metrics;
        this.resources = resources;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try {
            return SqsLambdaBatch.handle(event, worker);
        } finally {
            metrics.flush(); // one EMF flush per invocation, also when it throws
        }
    }
}
