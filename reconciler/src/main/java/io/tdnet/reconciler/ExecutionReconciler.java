package io.tdnet.reconciler;

import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.ledger.ExecutionQueries.PendingOutcome;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.SettleHorizon;
import io.tdnet.model.DownloadTiming;
import io.tdnet.model.Names;
import io.tdnet.model.PipelineResources;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import io.tdnet.telemetry.PipelineMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Makes every execution settle: for each unsettled RUNNING execution, settles it when all its outcomes
 * are terminal (a persister that died between its outcome transaction and the settle), and turns each
 * PENDING outcome whose message can no longer arrive into FAILED with the reason —
 * {@link GoneReason#DEAD_LETTERED} when a DLQ holds the message, else {@link GoneReason#LOST}. A message
 * can no longer arrive when its last sign of life is older than the {@link SettleHorizon}, or when
 * both work queues are empty and it is older than {@code drainedGrace} (SQS's counts lag a little).
 *
 * <p>Every write is a ledger transition conditioned on the row's state, so the reconciler is
 * idempotent and safe beside workers and beside itself; a message that arrives after all still moves
 * its outcome FAILED → STORED. LISTING executions are left to their lister (or the next one, which
 * continues them under the date's lease). Run by the scheduled Lambda, at the end of every local run,
 * and by {@code tdnet reconcile}.
 */
public final class ExecutionReconciler {
    private static final Logger log = LoggerFactory.getLogger(ExecutionReconciler.class);

    private final ExecutionLedger ledger;
    private final ExecutionQueries queries;
    private final DeadLetterScan deadLetters;
    private final LiveQueues liveQueues;
    private final SettleHorizon horizon;
    private final Duration drainedGrace;
    private final PipelineMetrics metrics;
    private final Clock clock;

    public ExecutionReconciler(ExecutionLedger ledger, ExecutionQueries queries, DeadLetterScan deadLetters,
                               LiveQueues liveQueues, SettleHorizon horizon, Duration drainedGrace,
                               PipelineMetrics metrics, Clock clock) {
        this.ledger = ledger;
        this.queries = queries;
        this.deadLetters = deadLetters;
        this.liveQueues = liveQueues;
        this.horizon = horizon;
        this.drainedGrace = drainedGrace;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The reconciler of a deployment (embedded stack or AWS) as the CLI and the local runs use it: the
     * horizon from the downloader's retry timings ({@link DownloadTiming}) and the work queues' own
     * visibility timeouts, read from SQS, through {@link SettleHorizon}.
     */
    public static ExecutionReconciler over(DynamoDbClient dynamo, SqsClient sqs, PipelineResources resources,
                                           Duration drainedGrace, PipelineMetrics metrics, Clock clock) {
        LiveQueues live = new LiveQueues(sqs, resources.downloadQueueUrl(), resources.persistQueueUrl());
        SettleHorizon horizon = SettleHorizon.of(
                SettleHorizon.retryPath(DownloadTiming.VISIBILITY_BASE, DownloadTiming.VISIBILITY_CAP, DownloadTiming.MAX_RECEIVE_COUNT),
                DownloadTiming.VISIBILITY_CAP, live.visibilityTimeout(resources.downloadQueueUrl()), DownloadTiming.DOCUMENT_BUDGET,
                Names.PERSIST_MAX_RECEIVE_COUNT, live.visibilityTimeout(resources.persistQueueUrl()));
        return new ExecutionReconciler(
                new ExecutionLedger(dynamo, resources.executionsTable(), resources.disclosuresTable(), clock),
                new ExecutionQueries(dynamo, resources.executionsTable()),
                new DeadLetterScan(sqs, resources.downloadDlqUrl(), resources.persistDlqUrl()),
                live, horizon, drainedGrace, metrics, clock);
    }

    /** Every unsettled execution, on every date. */
    public ReconcileReport reconcileAll(boolean dryRun) {
        return reconcile(queries.unsettled(), dryRun);
    }

    /** The unsettled executions of one date. */
    public ReconcileReport reconcile(LocalDate date, boolean dryRun) {
        return reconcile(queries.executionsOf(date).filter(e -> !e.status().isSettled()).toList(), dryRun);
    }

    private ReconcileReport reconcile(List<ExecutionSummary> unsettled, boolean dryRun) {
        Instant now = clock.instant();
        // before the DLQ scan: a message moving on meanwhile is then in a live queue or a DLQ
        boolean drained = unsettled.isEmpty() || liveQueues.drained();
        var scan = new Object() {
            Set<DeadLetterScan.Key> keys;

            Set<DeadLetterScan.Key> keys() {
                if (keys == null) keys = deadLetters.deadLettered();
                return keys;
            }
        };
        List<ReconcileReport.Gone> gone = new ArrayList<>();
        List<ExecutionSummary> after = new ArrayList<>();
        for (ExecutionSummary execution : unsettled) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable("execution_id", execution.executionId())) {
                if (execution.status() != ExecutionStatus.RUNNING) {
                    after.add(execution);
                    continue;
                }
                for (PendingOutcome pending : queries.pendingOutcomes(execution.executionId())) {
                    Duration quiet = Duration.between(pending.lastSign().toInstant(), now);
                    boolean past = quiet.compareTo(horizon.afterLastSign()) > 0
                            || (drained && quiet.compareTo(drainedGrace) >= 0);
                    if (!past) continue;
                    GoneReason reason = scan.keys().contains(new DeadLetterScan.Key(execution.executionId(), pending.disclosureId()))
                            ? GoneReason.DEAD_LETTERED : GoneReason.LOST;
                    gone.add(new ReconcileReport.Gone(execution.executionId(), pending.disclosureId(), reason));
                    if (!dryRun) {
                        var transition = ledger.recordGone(execution.executionId(), pending.disclosureId(), reason.reason());
                        log.warn("{}: no message can arrive any more ({}, quiet for {} s, {} failed attempt(s)): {}",
                                pending.disclosureId(), reason.reason(), quiet.toSeconds(), pending.attempts(), transition);
                    }
                }
                Optional<ExecutionSummary> current = dryRun ? ledger.summary(execution.executionId())
                        : ledger.settleIfDone(execution.executionId());
                current.ifPresent(after::add);
                current.filter(e -> e.status().isSettled() && !dryRun).ifPresent(e -> {
                    log.info("execution {} settled: {}", e.executionId(), e.status());
                    // Executions{Status} counts executions reaching a status, whichever component settled them
                    if (e.finishedAt() != null) {
                        metrics.executionFinished(e.status(), Duration.between(e.startedAt(), e.finishedAt()));
                    }
                });
            }
        }
        long pastDeadline = after.stream().filter(e -> !e.status().isSettled())
                .filter(e -> Duration.between(e.startedAt().toInstant(), now).compareTo(horizon.unsettledDeadline()) > 0)
                .count();
        if (pastDeadline > 0) {
            log.error("{} execution(s) unsettled for more than {} h", pastDeadline, horizon.unsettledDeadline().toHours());
        }
        metrics.unsettledPastDeadline(pastDeadline);
        return new ReconcileReport(gone, after, pastDeadline, dryRun);
    }
}
