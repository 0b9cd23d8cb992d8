package io.tdnet.local;

import io.tdnet.dlq.DeadLetterQueues;
import io.tdnet.dlq.DlqContext;
import io.tdnet.dlq.FollowUpResult;
import io.tdnet.dlq.MovedMessage;
import io.tdnet.dlq.RedriveFollowUp;
import io.tdnet.dlq.RedriveReport;
import io.tdnet.dlq.ReportOnlyFollowUp;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.Outcome;
import io.tdnet.model.OutcomeRow;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code dlq} commands' view of the chosen environment, opened on first use. Locally a redrive is
 * followed by running the workers until the redriven messages have been processed, then each
 * disclosure's outcome in its execution is read back: recovered, or failed again.
 */
public final class LocalDlqContext implements DlqContext, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalDlqContext.class);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(30);

    private final Supplier<PipelineEnvironment> opener;
    private final BooleanSupplier aws;
    private final Supplier<CollectOptions> collectOptions;
    private final Clock clock;
    private final java.io.PrintWriter out;
    private PipelineEnvironment environment;
    private DeadLetterQueues queues;

    /**
     * The suppliers are read on first use: the command line fills the options they read only after
     * this context has been handed to the {@code dlq} commands.
     *
     * @param opener opens the chosen environment (embedded or {@code --aws})
     * @param aws whether the chosen environment is the deployed stack
     * @param collectOptions how the local follow-up talks to TDnet
     */
    public LocalDlqContext(Supplier<PipelineEnvironment> opener, BooleanSupplier aws, Supplier<CollectOptions> collectOptions,
                           Clock clock, java.io.PrintWriter out) {
        this.opener = opener;
        this.aws = aws;
        this.collectOptions = collectOptions;
        this.clock = clock;
        this.out = out;
    }

    private synchronized PipelineEnvironment environment() {
        if (environment == null) environment = opener.get();
        return environment;
    }

    @Override
    public synchronized DeadLetterQueues queues() {
        if (queues == null) queues = new DeadLetterQueues(environment().sqs(), environment().resources());
        return queues;
    }

    /** Each purged message's outcome is recorded FAILED {@code purged} in its execution, which then settles. */
    @Override
    public java.util.function.Consumer<io.tdnet.dlq.DeadLetter> purgedOutcomes() {
        var resources = environment().resources();
        return new io.tdnet.reconciler.PurgedOutcomes(new io.tdnet.ledger.ExecutionLedger(environment().dynamoDb(),
                resources.executionsTable(), resources.disclosuresTable(), clock));
    }

    @Override
    public boolean aws() {
        return aws.getAsBoolean();
    }

    @Override
    public RedriveFollowUp followUp() {
        if (aws.getAsBoolean()) return new ReportOnlyFollowUp(out);
        return this::settleLocally;
    }

    private FollowUpResult settleLocally(RedriveReport report) throws InterruptedException {
        if (report.dryRun() || report.moved().isEmpty()) return FollowUpResult.followed(List.of());
        try (LocalPipeline pipeline = new LocalPipeline(environment(), collectOptions.get(), clock)) {
            pipeline.runUntilDrained(SETTLE_TIMEOUT);
            pipeline.stopWorkers();
            pipeline.reconcileAll(); // what the redrive left unsettled (a message dead-lettered again) settles now
            List<FollowUpResult.Settlement> settlements = new ArrayList<>();
            Map<String, Map<String, OutcomeRow>> byExecution = new HashMap<>();
            for (MovedMessage moved : report.moved()) {
                if (moved.executionId() == null || moved.disclosureId() == null || !DisclosureId.isValid(moved.disclosureId())) {
                    settlements.add(new FollowUpResult.Settlement(moved.disclosureId(), moved.executionId(), Outcome.FAILED,
                            "unreadable message: " + moved.reason()));
                    continue;
                }
                Map<String, OutcomeRow> rows = byExecution.computeIfAbsent(moved.executionId(), id -> {
                    Map<String, OutcomeRow> map = new HashMap<>();
                    pipeline.queries().outcomes(id).filter(r -> r.disclosureId() != null)
                            .forEach(r -> map.put(r.disclosureId().value(), r));
                    return map;
                });
                OutcomeRow row = rows.get(moved.disclosureId());
                Outcome outcome = row == null ? Outcome.FAILED : row.outcome();
                String reason = row == null ? "execution " + moved.executionId() + " never listed it" : row.reason();
                settlements.add(new FollowUpResult.Settlement(moved.disclosureId(), moved.executionId(), outcome,
                        outcome == Outcome.STORED || outcome == Outcome.ALREADY_PRESENT ? null : reason));
            }
            log.debug("redrive settled: {}", settlements);
            return FollowUpResult.followed(settlements);
        }
    }

    @Override
    public synchronized void close() {
        if (environment != null) environment.close();
    }
}
