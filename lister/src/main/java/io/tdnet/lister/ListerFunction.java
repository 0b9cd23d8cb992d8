package io.tdnet.lister;

import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.model.EnvVars;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The lister Lambda's own bindings on top of {@link FunctionWiring} (see there why no Guice). */
final class ListerFunction {
    private ListerFunction() {}

    static ScheduledListing wire(FunctionWiring wiring) {
        String executions = wiring.require(EnvVars.EXECUTIONS_TABLE);
        String disclosures = wiring.require(EnvVars.DISCLOSURES_TABLE);
        Clock clock = wiring.clock();
        DynamoDbClient dynamo = wiring.aws().dynamoDb();
        EmfMetrics metrics = EmfMetrics.toStdout(ListerHandler.COMPONENT);
        // the lister runs before its messages are sent, so it may use the whole rate
        TdnetPageClient pages = new TdnetPageClient(wiring.origin(), wiring.rate().pacer(),
                TdnetPageClient.Settings.defaults().withUserAgent(wiring.userAgent()), clock);
        DisclosureLister lister = new DisclosureLister(new DayListingReader(pages),
                new ExecutionLedger(dynamo, executions, disclosures, clock, metrics::executionFinished),
                new DisclosureArchive(dynamo, disclosures, clock),
                wiring.aws().sqs(), wiring.require(EnvVars.DOWNLOAD_QUEUE_URL), new ExecutionIds(clock));
        return wiring.announce(new ScheduledListing(lister, clock, metrics));
    }
}
