package io.tdnet.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.dlq.DeadLetterQueues;
import io.tdnet.dlq.QueueKind;
import io.tdnet.dlq.RedriveRequest;
import io.tdnet.faketdnet.FakeRow;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.ledger.ListingLease;
import io.tdnet.ledger.ListingLeases;
import io.tdnet.ledger.ListingPlan;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DownloadMessage;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.LambdaHandlers;
import io.tdnet.model.Outcome;
import io.tdnet.model.OutcomeRow;
import io.tdnet.model.PipelineResources;
import io.tdnet.twin.aws.CheckReport;
import io.tdnet.twin.lambda.InvocationResult;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16 through the twin: the reconciler Lambda, run from its shaded jar by the template's schedule,
 * settles an execution whose download message SQS dead-lettered by receive count; a redrive then stores
 * it through the downloader and persister Lambdas, and the reconciler's every call is allowed by its role.
 */
@ExtendWith(TwinExtension.class)
class TwinReconcilerIT {
    private static final LocalDate OTHER_DAY = TwinExtension.DAY.plusDays(3);

    @Test
    void theReconcilerLambdaSettlesADeadLetteredExecutionAndARedriveStoresIt(TwinExtension.Fixture fixture) throws Exception {
        fixture.dayRun(); // the shared day first: pollers running, its execution settled
        AwsTwin twin = fixture.twin();
        Map<String, String> out = twin.template().outputs();
        PipelineResources resources = new PipelineResources(out.get("DownloadQueueUrl"), out.get("DownloadDlqUrl"),
                out.get("PersistQueueUrl"), out.get("PersistDlqUrl"), out.get("DisclosuresTableName"),
                out.get("ExecutionsTableName"), out.get("BucketName"));
        FakeRow row = fixture.tdnet().addDay(OTHER_DAY, 1, 61).rows().get(0);
        Disclosure disclosure = new Disclosure(row.id(), OTHER_DAY,
                OffsetDateTime.of(OTHER_DAY, row.time(), ZoneOffset.ofHours(9)), row.code(), row.name(), row.title(),
                null, "東", null, fixture.tdnet().pdfUri(row.id()).toString(), null);

        // planned three hours ago; SQS then moved its message to the DLQ after maxReceiveCount deliveries
        Clock earlier = Clock.offset(Clock.systemUTC(), Duration.ofHours(-3));
        ExecutionLedger ledger = new ExecutionLedger(twin.dynamoDbClient(), resources.executionsTable(),
                resources.disclosuresTable(), earlier);
        ListingLease lease = new ListingLeases(twin.dynamoDbClient(), resources.executionsTable(), earlier,
                ListingLeases.DEFAULT_DURATION).tryAcquire(OTHER_DAY, "twin-test").orElseThrow();
        String execution = OTHER_DAY + ".twin-dead-lettered";
        ledger.begin(execution, OTHER_DAY, lease);
        ledger.acceptListing(execution, new ListingPlan(1, 0, List.of(disclosure), List.of(), List.of()), lease);
        ledger.markRunning(execution, lease);
        twin.sqsClient().sendMessage(b -> b.queueUrl(resources.downloadDlqUrl())
                .messageBody(new JsonCodec().encode(DownloadMessage.of(execution, disclosure))));

        InvocationResult reconciled = twin.lambda().runSchedule(twin.scheduleOf(LambdaHandlers.RECONCILER).orElseThrow(), null);

        assertThat(reconciled.succeeded()).as("reconciler %s %s: %s (log %s)", reconciled.status(),
                reconciled.errorType(), reconciled.errorMessage(), reconciled.logFile()).isTrue();
        ExecutionQueries queries = new ExecutionQueries(twin.dynamoDbClient(), resources.executionsTable());
        ExecutionSummary settled = queries.summary(execution).orElseThrow();
        assertThat(settled.status()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);
        assertThat(settled.failed()).isEqualTo(1);
        assertThat(queries.outcomes(execution).toList()).singleElement().satisfies(o -> {
            assertThat(o.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(o.reason()).isEqualTo("dead-lettered");
        });

        new DeadLetterQueues(twin.sqsClient(), resources).redrive(RedriveRequest.everything(QueueKind.DOWNLOAD));
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> queries.summary(execution).orElseThrow().status() == ExecutionStatus.COMPLETED);
        ExecutionSummary recovered = queries.summary(execution).orElseThrow();
        assertThat(recovered.stored()).isEqualTo(1);
        assertThat(recovered.failed()).isZero();
        assertThat(queries.outcomes(execution).map(OutcomeRow::outcome).toList()).containsExactly(Outcome.STORED);

        CheckReport iam = twin.checks().stream().filter(c -> c.name().equals("IAM")).findFirst().orElseThrow();
        System.out.println(iam.report());
        assertThat(iam.failures()).as(iam.report()).isEmpty();
    }
}
