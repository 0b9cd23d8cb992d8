package io.tdnet.persister;

import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.model.PipelineResources;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;

/** The persister Lambda's own bindings on top of {@link FunctionWiring} (see there why no Guice). */
final class PersisterFunction {
    private PersisterFunction() {}

    static PersisterHandler wire(FunctionWiring wiring) {
        PipelineResources resources = wiring.resources();
        EmfMetrics metrics = EmfMetrics.toStdout(PersisterHandler.COMPONENT);
        PersistWorker worker = new PersistWorker(
                new ExecutionLedger(wiring.aws().dynamoDb(), resources.executionsTable(), resources.disclosuresTable(),
                        wiring.clock()),
                wiring.aws().sqs(), resources.persistQueueUrl(), resources.persistDlqUrl(),
                new OutcomeMetrics(metrics), wiring.clock());
        return wiring.announce(new PersisterHandler(worker, metrics));
    }
}
