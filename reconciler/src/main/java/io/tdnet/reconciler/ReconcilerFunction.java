package io.tdnet.reconciler;

import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.model.EnvVars;
import io.tdnet.model.MetricNames;
import io.tdnet.model.PipelineResources;
import io.tdnet.model.SettleHorizon;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;
import java.time.Duration;

/** The reconciler Lambda's own bindings on top of {@link FunctionWiring} (see there why no Guice). */
final class ReconcilerFunction {
    /** SQS's approximate counts lag; "drained" must have held this long (the stack's RECONCILER_DRAINED_GRACE). */
    static final Duration DRAINED_GRACE = Duration.ofMinutes(2);

    private ReconcilerFunction() {}

    static ReconcilerHandler wire(FunctionWiring wiring) {
        PipelineResources resources = wiring.resources();
        var dynamo = wiring.aws().dynamoDb();
        var sqs = wiring.aws().sqs();
        // the stack computes both from the queues' and the retry schedule's timings (SettleHorizon.of)
        SettleHorizon horizon = new SettleHorizon(
                Duration.ofSeconds(wiring.env().optional(EnvVars.SETTLE_HORIZON_SECONDS, -1L, Long::parseLong)),
                Duration.ofSeconds(wiring.env().optional(EnvVars.UNSETTLED_DEADLINE_SECONDS, -1L, Long::parseLong)));
        if (horizon.afterLastSign().isNegative() || horizon.unsettledDeadline().isNegative()) {
            throw new IllegalStateException(EnvVars.SETTLE_HORIZON_SECONDS + " and " + EnvVars.UNSETTLED_DEADLINE_SECONDS
                    + " must be set (the stack derives them from the queue timings)");
        }
        String namespace = wiring.env().require(EnvVars.METRICS_NAMESPACE);
        if (!MetricNames.NAMESPACE.equals(namespace)) {
            // the UnsettledExecutions alarm watches the shared namespace: another one would never fire it
            throw new IllegalStateException(EnvVars.METRICS_NAMESPACE + " is " + namespace + ", the code emits to "
                    + MetricNames.NAMESPACE);
        }
        EmfMetrics metrics = EmfMetrics.toStdout(ReconcilerHandler.COMPONENT);
        ExecutionReconciler reconciler = new ExecutionReconciler(
                new ExecutionLedger(dynamo, resources.executionsTable(), resources.disclosuresTable(), wiring.clock()),
                new ExecutionQueries(dynamo, resources.executionsTable()),
                new DeadLetterScan(sqs, resources.downloadDlqUrl(), resources.persistDlqUrl()),
                new LiveQueues(sqs, resources.downloadQueueUrl(), resources.persistQueueUrl()),
                horizon, DRAINED_GRACE, metrics, wiring.clock());
        return wiring.announce(new ReconcilerHandler(reconciler, metrics));
    }
}
