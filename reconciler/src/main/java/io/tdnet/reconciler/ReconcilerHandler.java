package io.tdnet.reconciler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;
import io.tdnet.wiring.Wired;
import java.util.Map;

/** The scheduled reconciler Lambda: every unsettled execution → {@link ExecutionReconciler}; its input {@code {}} is not read. */
public final class ReconcilerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** The {@code Component} dimension of this Lambda's metrics. */
    public static final String COMPONENT = "reconciler";

    private final Wired<ExecutionReconciler> reconciler;
    private final EmfMetrics metrics;

    public ReconcilerHandler() {
        this(EmfMetrics.toStdout(COMPONENT));
    }

    private ReconcilerHandler(EmfMetrics metrics) {
        this(ReconcilerFunction.wire(FunctionWiring.fromProcess(), metrics), metrics);
    }

    /** A reconciler whose metrics go to {@code metrics}, flushed once per invocation. */
    public ReconcilerHandler(Wired<ExecutionReconciler> reconciler, EmfMetrics metrics) {
        this.reconciler = reconciler;
        this.metrics = metrics;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            return reconciler.service().reconcileAll(false).counts();
        } finally {
            metrics.flush(); // one EMF flush per invocation, also when it throws
        }
    }
}
