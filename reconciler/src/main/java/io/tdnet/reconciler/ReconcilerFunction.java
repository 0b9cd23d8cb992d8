package io.tdnet.reconciler;

import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.model.EnvVars;
import io.tdnet.model.SettleHorizon;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;
import io.tdnet.wiring.ResourceCheck;
import io.tdnet.wiring.Wired;
import java.time.Duration;

/** The reconciler Lambda's own bindings on top of {@link FunctionWiring} (see there why no Guice). */
final class ReconcilerFunction {
    /** SQS's approximate counts lag; "drained" must have held this long (the stack's RECONCILER_DRAINED_GRACE). */
    static final Duration DRAINED_GRACE = Duration.ofMinutes(2);

    private ReconcilerFunction() {}

    static Wired<ExecutionReconciler> wire(FunctionWiring wiring, EmfMetrics metrics) {
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
        ExecutionReconciler reconciler = new ExecutionReconciler(
                new ExecutionLedger(dynamo, wiring.require(EnvVars.EXECUTIONS_TABLE), wiring.require(EnvVars.DISCLOSURES_TABLE),
                        wiring.clock()),
                new ExecutionQueries(dynamo, wiring.require(EnvVars.EXECUTIONS_TABLE)),
                new DeadLetterScan(sqs, wiring.require(EnvVars.DOWNLOAD_DLQ_URL), wiring.require(EnvVars.PERSIST_DLQ_URL)),
                new LiveQueues(sqs, wiring.require(EnvVars.DOWNLOAD_QUEUE_URL), wiring.require(EnvVars.PERSIST_QUEUE_URL)),
                horizon, DRAINED_GRACE, metrics, wiring.clock());
        String executions = wiring.require(EnvVars.EXECUTIONS_TABLE);
        ResourceCheck resources = wiring.checkBeforeServing(wiring.resourceCheck()
                .table(dynamo, executions).table(dynamo, wiring.require(EnvVars.DISCLOSURES_TABLE))
                .queue(sqs, wiring.require(EnvVars.DOWNLOAD_QUEUE_URL)).queue(sqs, wiring.require(EnvVars.PERSIST_QUEUE_URL))
                .queue(sqs, wiring.require(EnvVars.DOWNLOAD_DLQ_URL)).queue(sqs, wiring.require(EnvVars.PERSIST_DLQ_URL)));
        return wiring.announce(new Wired<>(reconciler, resources));
    }
}
