package io.tdnet.reconciler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;
import io.tdnet.wiring.ResourceCheck;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scheduled reconciler Lambda: every unsettled execution → {@link ExecutionReconciler}. The
 * schedule's input is {@code {}} and is not read (a plain map: no event class, no joda-time).
 */
public final class ReconcilerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** The {@code Component} dimension of this Lambda's metrics. */
    public static final String COMPONENT = "reconciler";

    private final ExecutionReconciler reconciler;
    private final EmfMetrics metrics;
    /** Held for the handler's life: under SnapStart it is the restore hook the runtime holds only weakly. */
    private final ResourceCheck resources;

    public ReconcilerHandler() {
        this(ReconcilerFunction.wire(FunctionWiring.fromProcess()));
    }

    private ReconcilerHandler(ReconcilerHandler wired) { this(wired.reconciler, wired.metrics, wired.resources); }

    /** A reconciler whose metrics go to {@code metrics}, flushed once per invocation. */
    public ReconcilerHandler(ExecutionReconciler reconciler, EmfMetrics metrics) {
        this(reconciler, metrics, null);
    }

    ReconcilerHandler(ExecutionReconciler reconciler, EmfMetrics metrics, ResourceCheck resources) {
        this.reconciler = reconciler;
        this.metrics = metrics;
        this.resources = resources;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            ReconcileReport report = reconciler.reconcileAll(false);
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("executions", report.executions().size());
            response.put("settled", report.settled());
            response.put("dead_lettered", report.gone().stream().filter(g -> g.reason() == GoneReason.DEAD_LETTERED).count());
            response.put("lost", report.gone().stream().filter(g -> g.reason() == GoneReason.LOST).count());
            response.put("unsettled_past_deadline", report.unsettledPastDeadline());
            return response;
        } finally {
            metrics.flush(); // one EMF flush per invocation, also when it throws
        }
    }
}
