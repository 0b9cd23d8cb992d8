package io.tdnet.persister;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.tdnet.model.SqsLambdaBatch;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;

/** The persister Lambda: SQS event → {@link PersistWorker} → partial batch failures. */
public final class PersisterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** The {@code Component} dimension of this Lambda's metrics. */
    public static final String COMPONENT = "persister";

    private final PersistWorker worker;
    private final EmfMetrics metrics;

    public PersisterHandler() {
        this(PersisterFunction.wire(FunctionWiring.fromProcess()));
    }

    private PersisterHandler(PersisterHandler wired) { this(wired.worker, wired.metrics); }

    /** A worker whose {@link OutcomeMetrics} report to {@code metrics}, flushed once per invocation. */
    public PersisterHandler(PersistWorker worker, EmfMetrics metrics) {
        this.worker = worker;
        this.metrics = metrics;
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
