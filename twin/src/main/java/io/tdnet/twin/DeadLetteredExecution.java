package io.tdnet.twin;

import io.tdnet.faketdnet.FakeRow;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.ListingLease;
import io.tdnet.ledger.ListingLeases;
import io.tdnet.ledger.ListingPlan;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DownloadMessage;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.PipelineResources;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * An execution whose one download message SQS dead-lettered by its receive count, planted (as the CLI
 * principal) before a day runs through the twin, so the reconciler that {@link AwsTwin#runDay} fires after
 * the day settles it and every grant of the reconciler's role is used within the run (on a clean day the
 * reconciler finds nothing unsettled and reads nothing): planned three hours ago, PENDING, its message in
 * the download DLQ and in no live queue.
 *
 * @param executionId the planted execution
 * @param disclosure  its one disclosure (a row of {@code date} on the fake TDnet, so a redrive can store it)
 * @param resources   the stack's resources, from the template's outputs
 */
public record DeadLetteredExecution(String executionId, Disclosure disclosure, PipelineResources resources) {

    /** Plants the execution for {@code date} (a date the day's run does not list) with one row on {@code tdnet}. */
    public static DeadLetteredExecution plant(AwsTwin twin, FakeTdnet tdnet, LocalDate date) {
        Map<String, String> out = twin.template().outputs();
        PipelineResources resources = new PipelineResources(out.get("DownloadQueueUrl"), out.get("DownloadDlqUrl"),
                out.get("PersistQueueUrl"), out.get("PersistDlqUrl"), out.get("DisclosuresTableName"),
                out.get("ExecutionsTableName"), out.get("BucketName"));
        FakeRow row = tdnet.addDay(date, 1, 61).rows().get(0);
        Disclosure disclosure = new Disclosure(row.id(), date, OffsetDateTime.of(date, row.time(), ZoneOffset.ofHours(9)),
                row.code(), row.name(), row.title(), null, "東", null, tdnet.pdfUri(row.id()).toString(), null);
        Clock earlier = Clock.offset(Clock.systemUTC(), Duration.ofHours(-3));
        ExecutionLedger ledger = new ExecutionLedger(twin.dynamoDbClient(), resources.executionsTable(),
                resources.disclosuresTable(), earlier);
        ListingLease lease = new ListingLeases(twin.dynamoDbClient(), resources.executionsTable(), earlier,
                ListingLeases.DEFAULT_DURATION).tryAcquire(date, "twin-planted").orElseThrow();
        String execution = date + ".twin-dead-lettered";
        ledger.begin(execution, date, lease);
        ledger.acceptListing(execution, new ListingPlan(1, 0, List.of(disclosure), List.of(), List.of()), lease);
        ledger.markRunning(execution, lease);
        twin.sqsClient().sendMessage(b -> b.queueUrl(resources.downloadDlqUrl())
                .messageBody(new JsonCodec().encode(DownloadMessage.of(execution, disclosure))));
        return new DeadLetteredExecution(execution, disclosure, resources);
    }
}
