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
 * principal) before the shared day runs, so the reconciler that the day fires settles it and every grant
 * of the reconciler's role is used within the day: planned three hours ago, PENDING, its message in the
 * download DLQ and in no live queue.
 */
record DeadLetteredExecution(String executionId, Disclosure disclosure, PipelineResources resources) {
    static final LocalDate DATE = TwinExtension.DAY.plusDays(3);

    static DeadLetteredExecution plant(AwsTwin twin, FakeTdnet tdnet) {
        Map<String, String> out = twin.template().outputs();
        PipelineResources resources = new PipelineResources(out.get("DownloadQueueUrl"), out.get("DownloadDlqUrl"),
                out.get("PersistQueueUrl"), out.get("PersistDlqUrl"), out.get("DisclosuresTableName"),
                out.get("ExecutionsTableName"), out.get("BucketName"));
        FakeRow row = tdnet.addDay(DATE, 1, 61).rows().get(0);
        Disclosure disclosure = new Disclosure(row.id(), DATE, OffsetDateTime.of(DATE, row.time(), ZoneOffset.ofHours(9)),
                row.code(), row.name(), row.title(), null, "東", null, tdnet.pdfUri(row.id()).toString(), null);
        Clock earlier = Clock.offset(Clock.systemUTC(), Duration.ofHours(-3));
        ExecutionLedger ledger = new ExecutionLedger(twin.dynamoDbClient(), resources.executionsTable(),
                resources.disclosuresTable(), earlier);
        ListingLease lease = new ListingLeases(twin.dynamoDbClient(), resources.executionsTable(), earlier,
                ListingLeases.DEFAULT_DURATION).tryAcquire(DATE, "twin-test").orElseThrow();
        String execution = DATE + ".twin-dead-lettered";
        ledger.begin(execution, DATE, lease);
        ledger.acceptListing(execution, new ListingPlan(1, 0, List.of(disclosure), List.of(), List.of()), lease);
        ledger.markRunning(execution, lease);
        twin.sqsClient().sendMessage(b -> b.queueUrl(resources.downloadDlqUrl())
                .messageBody(new JsonCodec().encode(DownloadMessage.of(execution, disclosure))));
        return new DeadLetteredExecution(execution, disclosure, resources);
    }
}
