package io.tdnet.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.dlq.DeadLetterQueues;
import io.tdnet.dlq.QueueKind;
import io.tdnet.dlq.RedriveRequest;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.Outcome;
import io.tdnet.model.OutcomeRow;
import java.time.Duration;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16 through the twin: the reconciler Lambda, run from its shaded jar by the template's schedule
 * after the shared day, has settled the execution whose download message SQS dead-lettered by receive
 * count ({@link DeadLetteredExecution}); a redrive then stores it through the downloader and persister
 * Lambdas. (Its calls are in the day's IAM check: {@code TwinDayIT}.)
 */
@ExtendWith(TwinExtension.class)
class TwinReconcilerIT {

    @Test
    void theReconcilerLambdaSettledTheDeadLetteredExecutionAndARedriveStoresIt(TwinExtension.Fixture fixture) throws Exception {
        fixture.dayRun(); // plants the dead-lettered execution, runs the day, then the reconciler's schedule
        DeadLetteredExecution planted = fixture.deadLettered();
        AwsTwin twin = fixture.twin();
        ExecutionQueries queries = new ExecutionQueries(twin.dynamoDbClient(), planted.resources().executionsTable());
        String execution = planted.executionId();

        ExecutionSummary settled = queries.summary(execution).orElseThrow();
        assertThat(settled.status()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);
        assertThat(settled.failed()).isEqualTo(1);
        assertThat(queries.outcomes(execution).toList()).singleElement().satisfies(o -> {
            assertThat(o.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(o.reason()).isEqualTo("dead-lettered");
        });

        new DeadLetterQueues(twin.sqsClient(), planted.resources()).redrive(RedriveRequest.everything(QueueKind.DOWNLOAD)
                .withDisclosureIds(Set.of(planted.disclosure().disclosureId().value())));
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> queries.summary(execution).orElseThrow().status() == ExecutionStatus.COMPLETED);
        ExecutionSummary recovered = queries.summary(execution).orElseThrow();
        assertThat(recovered.stored()).isEqualTo(1);
        assertThat(recovered.failed()).isZero();
        assertThat(recovered.stored() + recovered.alreadyPresent() + recovered.inFlight() + recovered.failed())
                .isEqualTo(recovered.listed());
        assertThat(queries.outcomes(execution).map(OutcomeRow::outcome).toList()).containsExactly(Outcome.STORED);
    }
}
