package io.tdnet.persister;

import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.model.EnvVars;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;
import io.tdnet.wiring.ResourceCheck;
import io.tdnet.wiring.SqsBatchFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The persister Lambda's own bindings on top of {@link FunctionWiring} (see there why no Guice). */
final class PersisterFunction {
    private PersisterFunction() {}

    static SqsBatchFunction.Parts wire(FunctionWiring wiring) {
        EmfMetrics metrics = EmfMetrics.toStdout(PersisterHandler.COMPONENT);
        DynamoDbClient dynamoDb = wiring.aws().dynamoDb();
        String executions = wiring.require(EnvVars.EXECUTIONS_TABLE);
        String disclosures = wiring.require(EnvVars.DISCLOSURES_TABLE);
        // the persister settles executions: the one writer that settles one reports it (Executions{Status})
        PersistWorker worker = new PersistWorker(
                new ExecutionLedger(dynamoDb, executions, disclosures, wiring.clock(), metrics::executionFinished),
                wiring.aws().sqs(), wiring.require(EnvVars.PERSIST_QUEUE_URL), wiring.require(EnvVars.PERSIST_DLQ_URL),
                new OutcomeMetrics(metrics), wiring.clock());
        ResourceCheck resources = wiring.checkBeforeServing(wiring.resourceCheck()
                .table(dynamoDb, executions).table(dynamoDb, disclosures));
        return wiring.announce(new SqsBatchFunction.Parts(worker, metrics, resources));
    }
}
