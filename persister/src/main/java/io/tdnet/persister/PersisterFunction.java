package io.tdnet.persister;

import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.model.EnvVars;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;

/** The persister Lambda's own bindings on top of {@link FunctionWiring} (see there why no Guice). */
final class PersisterFunction {
    private PersisterFunction() {}

    static PersisterHandler wire(FunctionWiring wiring) {
        EmfMetrics metrics = EmfMetrics.toStdout(PersisterHandler.COMPONENT);
        // the persister settles executions: the one writer that settles one reports it (Executions{Status})
        PersistWorker worker = new PersistWorker(
                new ExecutionLedger(wiring.aws().dynamoDb(), wiring.require(EnvVars.EXECUTIONS_TABLE),
                        wiring.require(EnvVars.DISCLOSURES_TABLE), wiring.clock(), metrics::executionFinished),
                wiring.aws().sqs(), wiring.require(EnvVars.PERSIST_QUEUE_URL), wiring.require(EnvVars.PERSIST_DLQ_URL),
                new OutcomeMetrics(metrics), wiring.clock());
        return wiring.announce(new PersisterHandler(worker, metrics));
    }
}
