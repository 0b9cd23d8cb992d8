package io.tdnet.lister;

import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.ListingLeases;
import io.tdnet.model.EnvVars;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;
import io.tdnet.wiring.ResourceCheck;
import io.tdnet.wiring.Wired;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The lister Lambda's own bindings on top of {@link FunctionWiring} (see there why no Guice). */
final class ListerFunction {
    /** Well within the function's 10 minutes: a lease a dead lister holds expires after one lease period. */
    static final java.time.Duration MAX_LEASE_WAIT = java.time.Duration.ofMinutes(3);

    private ListerFunction() {}

    private static boolean parseFlag(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    static Wired<ScheduledListing> wire(FunctionWiring wiring) {
        String executions = wiring.require(EnvVars.EXECUTIONS_TABLE);
        String disclosures = wiring.require(EnvVars.DISCLOSURES_TABLE);
        Clock clock = wiring.clock();
        DynamoDbClient dynamo = wiring.aws().dynamoDb();
        SqsClient sqs = wiring.aws().sqs();
        EmfMetrics metrics = EmfMetrics.toStdout(ListerHandler.COMPONENT);
        // list pages take their slots in the deployment's one schedule, with the downloaders' documents
        TdnetPageClient pages = new TdnetPageClient(wiring.origin(), wiring.pacer(),
                TdnetPageClient.Settings.defaults().withUserAgent(wiring.userAgent()), clock);
        DisclosureLister lister = new DisclosureLister(new DayListingReader(pages),
                new ExecutionLedger(dynamo, executions, disclosures, clock, metrics::executionFinished),
                new ListingLeases(dynamo, executions, clock, ListingLeases.DEFAULT_DURATION),
                // one name per container (one invocation at a time): a waiting lister says which run holds the date
                "lister-lambda:" + java.util.UUID.randomUUID(), MAX_LEASE_WAIT,
                new DisclosureArchive(dynamo, disclosures, clock),
                sqs, wiring.require(EnvVars.DOWNLOAD_QUEUE_URL), new ExecutionIds(clock),
                // the stack parameter WithXbrl: off by default, the extra requests toward TDnet are the user's choice
                wiring.env().optional(EnvVars.WITH_XBRL, false, ListerFunction::parseFlag));
        ResourceCheck resources = wiring.checkBeforeServing(wiring.resourceCheck()
                .queue(sqs, wiring.require(EnvVars.DOWNLOAD_QUEUE_URL))
                .table(dynamo, executions).table(dynamo, disclosures).table(dynamo, wiring.require(EnvVars.PACER_TABLE)));
        return wiring.announce(new Wired<>(new ScheduledListing(lister, clock, metrics), resources));
    }
}
