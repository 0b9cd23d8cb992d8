package io.tdnet.local;

import io.tdnet.downloader.DownloadWorker;
import io.tdnet.downloader.DownloaderConfig;
import io.tdnet.downloader.PdfDownloader;
import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.ledger.DownloadAttempts;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.ledger.ListingLeases;
import io.tdnet.reconciler.ExecutionReconciler;
import io.tdnet.reconciler.ReconcileReport;
import io.tdnet.lister.DayListingReader;
import io.tdnet.lister.DisclosureLister;
import io.tdnet.lister.ExecutionIds;
import io.tdnet.lister.ListingResult;
import io.tdnet.lister.TdnetPageClient;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.Pacer;
import io.tdnet.model.Rate;
import io.tdnet.persister.OutcomeMetrics;
import io.tdnet.persister.PersistWorker;
import io.tdnet.telemetry.InMemoryMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The pipeline in one process: the lister, and worker loops around the same downloader and persister
 * services the Lambdas run, over an environment (embedded stack or AWS). One {@link Pacer} is
 * shared by the list pages and every download thread, so TDnet sees one rate.
 */
public final class LocalPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);
    private static final Duration POLL = Duration.ofMillis(250);
    /** How often an execution whose queues drained with disclosures still pending is re-sent. */
    private static final int MAX_RESENDS = 3;
    /** A lister of another process (`collect --aws` beside the deployed schedule) lists a date within minutes. */
    private static final Duration MAX_LEASE_WAIT = Duration.ofMinutes(15);
    /** ElasticMQ's counts are exact: drained means drained. (On AWS the reconciler Lambda waits two minutes.) */
    private static final Duration DRAINED_GRACE = Duration.ZERO;
    /**
     * Full receives a persist worker records together when the persist queue has a backlog: 40 outcomes
     * in one ledger transaction (81 of its 100 items) and one settle read, instead of four of each. At the
     * end of a busy day the persister is what the run waits for, and a third of its wait was the settle's
     * GetItem queued on DynamoDB Local's one SQLite thread behind the transactions.
     */
    private static final int PERSIST_RECEIVES = 4;

    private final PipelineEnvironment environment;
    private final CollectOptions options;
    private final Clock clock;
    private final ExecutionLedger ledger;
    private final ExecutionQueries queries;
    private final DisclosureArchive archive;
    private final DisclosureLister lister;
    private final DownloadWorker downloadWorker;
    private final PersistWorker persistWorker;
    private final ExecutionReconciler reconciler;
    private final InMemoryMetrics metrics;
    private final List<QueueWorker> workers = new ArrayList<>();
    private ExecutorService workerThreads;

    public LocalPipeline(PipelineEnvironment environment, CollectOptions options, Clock clock) {
        this(environment, options, clock, new InMemoryMetrics());
    }

    /** @param metrics what the services report while this pipeline runs (progress, run samples, report) */
    public LocalPipeline(PipelineEnvironment environment, CollectOptions options, Clock clock, InMemoryMetrics metrics) {
        this(environment, options, clock, metrics, java.util.function.UnaryOperator.identity());
    }

    /** {@code tuning} adjusts the downloader's configuration (the chaos suite shortens the retry schedule). */
    public LocalPipeline(PipelineEnvironment environment, CollectOptions options, Clock clock, InMemoryMetrics metrics,
                  java.util.function.UnaryOperator<DownloaderConfig> tuning) {
        this.metrics = metrics;
        this.environment = environment;
        this.options = options;
        this.clock = clock;
        var resources = environment.resources();
        this.ledger = new ExecutionLedger(environment.dynamoDb(), resources.executionsTable(), resources.disclosuresTable(), clock);
        this.queries = new ExecutionQueries(environment.dynamoDb(), resources.executionsTable());
        this.archive = new DisclosureArchive(environment.dynamoDb(), resources.disclosuresTable(), clock);
        Pacer pacer = environment.pacer(new Rate(options.rate()), options.origin(), options.sendObserver());
        TdnetPageClient pages = new TdnetPageClient(options.origin(), pacer,
                TdnetPageClient.Settings.defaults().withUserAgent(options.userAgent()));
        this.lister = new DisclosureLister(new DayListingReader(new CountedPageSource(pages, metrics),
                new io.tdnet.lister.ListPageParser(), pages.origin(), DayListingReader.DEFAULT_MAX_PASSES), ledger,
                new ListingLeases(environment.dynamoDb(), resources.executionsTable(), clock, ListingLeases.DEFAULT_DURATION),
                environment.listerName(), MAX_LEASE_WAIT, archive, environment.sqs(),
                resources.downloadQueueUrl(), new ExecutionIds(clock), options.withXbrl());
        DownloaderConfig config = tuning.apply(DownloaderConfig.defaults(options.origin())
                .withMaxPdfBytes(options.maxPdfBytes())
                .withMaxXbrlBytes(options.maxXbrlBytes())
                .withUserAgent(options.userAgent()));
        this.reconciler = ExecutionReconciler.over(environment.dynamoDb(), environment.sqs(), resources, DRAINED_GRACE,
                metrics, clock);
        this.downloadWorker = new DownloadWorker(new PdfDownloader(config, pacer, environment.s3(), resources.bucket(),
                new io.tdnet.downloader.TelemetryDownloadMetrics(metrics), clock),
                environment.sqs(), resources, new JsonCodec(), config.retry(), clock, 1,
                new DownloadAttempts(environment.dynamoDb(), resources.executionsTable(), clock)::failed);
        this.persistWorker = new PersistWorker(ledger, environment.sqs(), resources.persistQueueUrl(),
                resources.persistDlqUrl(), new OutcomeMetrics(metrics), clock);
    }

    public InMemoryMetrics metrics() {
        return metrics;
    }

    public ExecutionQueries queries() {
        return queries;
    }

    public DisclosureArchive archive() {
        return archive;
    }

    public PipelineEnvironment environment() {
        return environment;
    }

    /**
     * Lists a date (new execution, or a LISTING one continued). In the embedded stack a RUNNING
     * execution of the date is a killed run of this data directory: it is continued instead.
     */
    public ListingResult list(LocalDate date) throws InterruptedException {
        return list(date, notice -> {});
    }

    /** As {@link #list(LocalDate)}; {@code notices} hears who holds the date's listing lease while this one waits. */
    public ListingResult list(LocalDate date, Consumer<String> notices) throws InterruptedException {
        if (environment.ownsRunningExecutions()) {
            Optional<ExecutionSummary> running = lister.unsettled(date)
                    .filter(e -> e.status() == io.tdnet.model.ExecutionStatus.RUNNING);
            if (running.isPresent()) return new ListingResult(running.get(), 0, null, null);
        }
        ListingResult result = lister.list(date, notices);
        if (result.accepted()) {
            if (result.listedNow()) metrics.listed(result.summary().listed()); // once per execution
            metrics.enqueued(result.enqueued());
        }
        return result;
    }

    /**
     * Runs the workers until the execution settles. Messages still in the persistent queues are
     * processed first; when both queues have drained and disclosures are still pending (a run killed
     * while sending, a message lost to a DLQ by its receive count), those are sent again.
     */
    public ExecutionSummary runUntilSettled(String executionId, Consumer<ExecutionSummary> progress) throws InterruptedException {
        startWorkers();
        int resends = 0;
        int drainedPolls = 0;
        while (true) {
            ExecutionSummary summary = ledger.summary(executionId).orElseThrow();
            progress.accept(summary);
            if (summary.status().isSettled()) {
                reconcileAll(); // the end of every local run: whatever else is unsettled settles too
                return ledger.summary(executionId).orElseThrow();
            }
            if (queuesDrained()) {
                drainedPolls++;
            } else {
                drainedPolls = 0;
            }
            if (drainedPolls >= 4) {
                if (resends >= MAX_RESENDS) {
                    log.warn("execution {} still has {} pending disclosures after {} re-sends; reconciling",
                            executionId, summary.pending(), resends);
                    reconcile(summary.targetDate());
                    return ledger.summary(executionId).orElseThrow();
                }
                int sent = lister.resendPending(executionId);
                resends++;
                drainedPolls = 0;
                log.info("queues drained with {} disclosures pending: sent {} again", summary.pending(), sent);
                if (sent == 0) ledger.settleIfDone(executionId);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Settles what can be settled on one date (see {@link ExecutionReconciler}). */
    ReconcileReport reconcile(LocalDate date) {
        return reconciler.reconcile(date, false);
    }

    /** Settles what can be settled on every date; never fails the run it ends. */
    ReconcileReport reconcileAll() {
        try {
            return reconciler.reconcileAll(false);
        } catch (RuntimeException e) {
            log.warn("reconciling after the run failed; `tdnet reconcile --all` does it again: {}", e.toString());
            return null;
        }
    }

    ExecutionReconciler reconciler() {
        return reconciler;
    }

    /**
     * Starts the workers and returns once both work queues have read empty on four polls in a row (a
     * message in flight between the two queues is not missed), or when {@code timeout} has passed.
     */
    public void runUntilDrained(Duration timeout) throws InterruptedException {
        startWorkers();
        long deadline = System.nanoTime() + timeout.toNanos();
        int drained = 0;
        while (drained < 4 && System.nanoTime() < deadline) {
            drained = queuesDrained() ? drained + 1 : 0;
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Visible + in-flight + delayed messages of both work queues are all zero. */
    public boolean queuesDrained() {
        return depth(environment.resources().downloadQueueUrl()) == 0 && depth(environment.resources().persistQueueUrl()) == 0;
    }

    public long depth(String queueUrl) {
        Map<QueueAttributeName, String> attributes = environment.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    public Optional<ExecutionSummary> unsettled(LocalDate date) {
        return lister.unsettled(date);
    }

    public synchronized void startWorkers() {
        if (workerThreads != null) return;
        var resources = environment.resources();
        workerThreads = Executors.newFixedThreadPool(options.downloadWorkers() + options.persistWorkers(), r -> {
            Thread t = new Thread(r, "queue-worker");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < options.downloadWorkers(); i++) {
            workers.add(new QueueWorker(environment.sqs(), resources.downloadQueueUrl(), downloadWorker, 10));
        }
        for (int i = 0; i < options.persistWorkers(); i++) {
            workers.add(new QueueWorker(environment.sqs(), resources.persistQueueUrl(), persistWorker, 10, PERSIST_RECEIVES));
        }
        workers.forEach(workerThreads::submit);
    }

    public synchronized void stopWorkers() {
        if (workerThreads == null) return;
        workers.forEach(QueueWorker::stop);
        workerThreads.shutdown();
        try {
            if (!workerThreads.awaitTermination(30, TimeUnit.SECONDS)) workerThreads.shutdownNow();
        } catch (InterruptedException e) {
            workerThreads.shutdownNow();
            Thread.currentThread().interrupt();
        }
        workers.clear();
        workerThreads = null;
    }

    @Override
    public void close() {
        stopWorkers();
        downloadWorker.close();
    }
}
