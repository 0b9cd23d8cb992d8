package io.tdnet.bench;

import io.tdnet.local.CollectOptions;
import io.tdnet.local.EmbeddedEnvironment;
import io.tdnet.local.InterceptedEnvironment;
import io.tdnet.local.LocalPipeline;
import static io.tdnet.model.Attributes.DISCLOSURE_ID;
import static io.tdnet.model.Attributes.PDF_SHA256;
import static io.tdnet.model.Attributes.STARTED_AT;
import static io.tdnet.model.Attributes.STATUS_HISTORY;
import static io.tdnet.model.Attributes.UPDATED_AT;

import io.tdnet.dlq.DeadLetter;
import io.tdnet.dlq.DeadLetterQueues;
import io.tdnet.dlq.QueueKind;
import io.tdnet.dlq.RedriveRequest;
import io.tdnet.downloader.RetrySchedule;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.lister.ListingResult;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.Names;
import io.tdnet.model.Outcome;
import io.tdnet.model.OutcomeRow;
import io.tdnet.model.S3Keys;
import io.tdnet.model.Tdnet;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.Fault;
import io.tdnet.faketdnet.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One seeded chaos run: a fake day with transient faults (503, 429 + Retry-After, resets, truncated
 * bodies), permanent faults (404, HTML 200, over-cap bodies), stalls longer than the queue's visibility
 * timeout (so messages are delivered twice), documents that are truly too big, a rejected row, and
 * workers abandoning messages at random points ({@link ChaosMonkey}); then heal, redrive both DLQs, run
 * the workers until settled, and check every invariant of docs/ARCHITECTURE.md against the fake's ground truth.
 *
 * <p>Over 300 lines because the run and its checks belong together: each check reads the state the
 * run's own faults produced, and splitting them would pass that state around for no reader's benefit.
 */
public final class ChaosRun {
    static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    /** The local cap: fake documents are 3–60 kB; "truly too big" ones are set just over it. */
    static final long MAX_PDF_BYTES = 200_000;
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    /** Short, so a run takes seconds: 2 attempts in process, then SQS after 1, 2, 2, … s; same 12 deliveries. */
    static final RetrySchedule SCHEDULE = new RetrySchedule(2, Duration.ofMillis(100), Duration.ofMillis(400), 0.25,
            Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2), Names.DOWNLOAD_MAX_RECEIVE_COUNT);
    private static final int DOWNLOAD_VISIBILITY_SECONDS = 2;
    private static final int PERSIST_VISIBILITY_SECONDS = 3;

    /** What a run did and every invariant it found broken. */
    public record Result(long seed, int disclosures, Map<String, Integer> faults, Map<ChaosMonkey.KillPoint, Long> kills,
                  int lost, int doubled, int counterErrors, List<String> errors, ExecutionSummary summary,
                  int requests, int maxInAnySecond, double seconds) {
        boolean clean() {
            return errors.isEmpty();
        }
    }

    private final long seed;
    private final int disclosures;
    private final double rate;
    private final double killProbability;

    public ChaosRun(long seed, int disclosures, double rate, double killProbability) {
        this.seed = seed;
        this.disclosures = disclosures;
        this.rate = rate;
        this.killProbability = killProbability;
    }

    public Result run() throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("tdnet-chaos-");
        try (FakeTdnet tdnet = FakeTdnet.start()) {
            FakeDay day = tdnet.addDay(DAY, disclosures, seed);
            day.addRejectedRow("https://evil.example.com/inbs/" + day.ids().get(0).value() + ".pdf");
            Map<String, Integer> faults = new TreeMap<>();
            Set<DisclosureId> trulyPermanent = injectFaults(tdnet, day, random, faults);
            ChaosMonkey monkey = new ChaosMonkey(random.nextLong(), killProbability);
            String executionId;
            try (EmbeddedEnvironment env = EmbeddedEnvironment.start(dir)) {
                shortenVisibility(env);
                CollectOptions options = new CollectOptions(TdnetOrigin.of(tdnet.baseUrl()), rate, MAX_PDF_BYTES,
                        Tdnet.DEFAULT_USER_AGENT, 6, 3);
                try (LocalPipeline pipeline = new LocalPipeline(new InterceptedEnvironment(env, monkey), options, Clock.systemUTC(), new io.tdnet.telemetry.InMemoryMetrics(),
                        config -> config.withRetry(SCHEDULE).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)))) {
                    ListingResult listing = pipeline.list(DAY);
                    if (!listing.accepted()) throw new IllegalStateException("the chaos day was not listed: " + listing.failure());
                    executionId = listing.summary().executionId();
                    monkey.arm();
                    pipeline.runUntilSettled(executionId, s -> {});
                    monkey.disarm();
                    tdnet.healAll();
                    DeadLetterQueues dlq = new DeadLetterQueues(env.sqs(), env.resources());
                    // a message still in flight may fail into a DLQ after the first pass: redrive until quiet
                    for (int pass = 0; pass < 3; pass++) {
                        awaitDrained(pipeline);
                        int moved = dlq.redrive(RedriveRequest.everything(QueueKind.DOWNLOAD)).moved().size()
                                + dlq.redrive(RedriveRequest.everything(QueueKind.PERSIST)).moved().size();
                        awaitDrained(pipeline);
                        if (moved == 0 || pipeline.queries().summary(executionId).orElseThrow().failed() <= trulyPermanent.size() + 1) break;
                    }
                    ExecutionSummary after = pipeline.queries().summary(executionId).orElseThrow();
                    if (!after.status().isSettled()) pipeline.runUntilSettled(executionId, s -> {});
                    awaitDrained(pipeline);
                    pipeline.stopWorkers();
                }
                return check(env, tdnet, day, executionId, trulyPermanent, faults, monkey, t0);
            }
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    private Set<DisclosureId> injectFaults(FakeTdnet tdnet, FakeDay day, Random random, Map<String, Integer> counts) {
        Set<DisclosureId> trulyPermanent = new HashSet<>();
        List<DisclosureId> ids = day.ids();
        for (DisclosureId id : ids) {
            double roll = random.nextDouble();
            String kind;
            if (roll < 0.03) {
                tdnet.setPdfSize(id, MAX_PDF_BYTES + 1 + random.nextInt(50_000));
                trulyPermanent.add(id);
                kind = "truly over the cap";
            } else if (roll < 0.10) {
                int times = 1 + random.nextInt(4);
                switch (random.nextInt(4)) {
                    case 0 -> tdnet.fault(id, Fault.status(503, times));
                    case 1 -> tdnet.fault(id, Fault.tooManyRequests(Duration.ofSeconds(1), times));
                    case 2 -> tdnet.fault(id, Fault.resetMidBody(times));
                    default -> tdnet.fault(id, Fault.truncated(times));
                }
                kind = "transient";
            } else if (roll < 0.15) {
                switch (random.nextInt(4)) {
                    case 0 -> tdnet.fault(id, Fault.status(404));
                    case 1 -> tdnet.fault(id, Fault.html200());
                    case 2 -> tdnet.fault(id, Fault.oversized(MAX_PDF_BYTES * 2, true));
                    default -> tdnet.fault(id, Fault.oversized(MAX_PDF_BYTES * 2, false));
                }
                kind = "permanent until healed";
            } else if (roll < 0.19) {
                tdnet.fault(id, Fault.stall(Duration.ofMillis(2_200 + random.nextInt(1_500)), 1));
                kind = "stall past the visibility timeout";
            } else {
                continue;
            }
            counts.merge(kind, 1, Integer::sum);
        }
        counts.put("rejected row", day.rejectedCount());
        return trulyPermanent;
    }

    /** Shorter than a stalled download: the message is delivered again while the first worker still holds it. */
    private static void shortenVisibility(EmbeddedEnvironment env) {
        env.sqs().setQueueAttributes(b -> b.queueUrl(env.resources().downloadQueueUrl())
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(DOWNLOAD_VISIBILITY_SECONDS))));
        env.sqs().setQueueAttributes(b -> b.queueUrl(env.resources().persistQueueUrl())
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(PERSIST_VISIBILITY_SECONDS))));
    }

    private static void awaitDrained(LocalPipeline pipeline) throws InterruptedException {
        pipeline.runUntilDrained(SETTLE_TIMEOUT);
    }

    // ---------------------------------------------------------------- the invariants

    private Result check(EmbeddedEnvironment env, FakeTdnet tdnet, FakeDay day, String executionId,
                         Set<DisclosureId> trulyPermanent, Map<String, Integer> faults, ChaosMonkey monkey, long t0) {
        List<String> errors = new ArrayList<>();
        int lost = 0;
        int doubled = 0;
        int counterErrors = 0;
        var resources = env.resources();
        ExecutionQueries queries = new ExecutionQueries(env.dynamoDb(), resources.executionsTable());
        ExecutionSummary summary = queries.summary(executionId).orElseThrow();
        List<OutcomeRow> rows = queries.outcomes(executionId).toList();
        Set<DisclosureId> truth = new HashSet<>(day.ids());

        // 1. nothing lost: banner = listed + withdrawn; settled listed = stored + present + failed
        if (summary.bannerTotal() == null || summary.bannerTotal() != day.bannerTotal()) {
            counterErrors++;
            errors.add("banner " + summary.bannerTotal() + " ≠ ground truth " + day.bannerTotal());
        }
        if (summary.bannerTotal() == null || summary.bannerTotal() != summary.listed() + summary.withdrawn()) {
            counterErrors++;
            errors.add("banner " + summary.bannerTotal() + " ≠ listed " + summary.listed() + " + withdrawn " + summary.withdrawn());
        }
        if (summary.withdrawn() != day.withdrawnCount()) {
            counterErrors++;
            errors.add("withdrawn " + summary.withdrawn() + " ≠ ground truth " + day.withdrawnCount());
        }
        if (summary.listed() != truth.size() + day.rejectedCount()) {
            counterErrors++;
            errors.add("listed " + summary.listed() + " ≠ ground truth " + (truth.size() + day.rejectedCount()));
        }
        if (!summary.allAccountedFor()) {
            counterErrors++;
            errors.add("listed " + summary.listed() + " ≠ stored " + summary.stored() + " + already_present "
                    + summary.alreadyPresent() + " + failed " + summary.failed());
        }
        // 2. exact progress: counters = counts of outcome rows
        Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
        for (OutcomeRow r : rows) byOutcome.merge(r.outcome(), 1L, Long::sum);
        long storedRows = byOutcome.getOrDefault(Outcome.STORED, 0L);
        long presentRows = byOutcome.getOrDefault(Outcome.ALREADY_PRESENT, 0L);
        long failedRows = byOutcome.getOrDefault(Outcome.FAILED, 0L);
        if (storedRows != summary.stored() || presentRows != summary.alreadyPresent() || failedRows != summary.failed()) {
            counterErrors++;
            errors.add("counters stored/present/failed " + summary.stored() + "/" + summary.alreadyPresent() + "/" + summary.failed()
                    + " ≠ outcome rows " + storedRows + "/" + presentRows + "/" + failedRows);
        }
        if (rows.size() != summary.listed()) {
            counterErrors++;
            errors.add(rows.size() + " outcome rows for " + summary.listed() + " listed");
        }

        // 3. stored once: one item and one object per id, with the ground truth's bytes
        Map<String, Integer> items = new HashMap<>();
        Map<String, String> itemSha = new HashMap<>();
        for (Map<String, AttributeValue> item : env.dynamoDb().scanPaginator(b -> b.tableName(resources.disclosuresTable())).items()) {
            String id = item.get(DISCLOSURE_ID).s();
            items.merge(id, 1, Integer::sum);
            itemSha.put(id, item.containsKey(PDF_SHA256) ? item.get(PDF_SHA256).s() : null);
        }
        Map<String, Integer> objects = new HashMap<>();
        for (S3Object o : env.s3().listObjectsV2Paginator(b -> b.bucket(resources.bucket()).prefix(S3Keys.PDF_PREFIX)).contents()) {
            String name = o.key().substring(o.key().lastIndexOf('/') + 1);
            objects.merge(name.endsWith(".pdf") ? name.substring(0, name.length() - 4) : name, 1, Integer::sum);
        }
        for (var e : items.entrySet()) {
            if (e.getValue() > 1 || !truth.contains(DisclosureId.of(e.getKey()))) {
                doubled++;
                errors.add("disclosure item " + e.getKey() + (e.getValue() > 1 ? " stored " + e.getValue() + " times" : " is not in the day"));
            }
        }
        for (var e : objects.entrySet()) {
            if (e.getValue() > 1 || !DisclosureId.isValid(e.getKey()) || !truth.contains(DisclosureId.of(e.getKey()))) {
                doubled++;
                errors.add("S3 object " + e.getKey() + (e.getValue() > 1 ? " stored " + e.getValue() + " times" : " is not in the day"));
            }
        }

        // per ground-truth id: stored (row, item, object, right bytes) or failed with a reason; and recovered
        Map<DisclosureId, OutcomeRow> rowById = new HashMap<>();
        for (OutcomeRow r : rows) if (r.disclosureId() != null) rowById.put(r.disclosureId(), r);
        Set<String> inDlq = new HashSet<>();
        for (DeadLetter letter : new DeadLetterQueues(env.sqs(), resources).peek(QueueKind.DOWNLOAD, 1000)) {
            if (letter.disclosureId() != null) inDlq.add(letter.disclosureId());
        }
        for (DisclosureId id : truth) {
            OutcomeRow row = rowById.get(id);
            boolean storedRow = row != null && (row.outcome() == Outcome.STORED || row.outcome() == Outcome.ALREADY_PRESENT);
            boolean failedWithReason = row != null && row.outcome() == Outcome.FAILED && row.reason() != null && !row.reason().isBlank();
            boolean present = items.containsKey(id.value()) && objects.containsKey(id.value());
            if (!(storedRow && present) && !failedWithReason) {
                lost++;
                errors.add("lost " + id + ": outcome " + (row == null ? "none" : row.outcome()) + ", item " + items.containsKey(id.value())
                        + ", object " + objects.containsKey(id.value()));
                continue;
            }
            if (storedRow && !tdnet.pdfSha256(id).equals(itemSha.get(id.value()))) {
                errors.add(id + " stored with sha256 " + itemSha.get(id.value()) + ", TDnet served " + tdnet.pdfSha256(id));
            }
            if (failedWithReason && !inDlq.contains(id.value())) {
                errors.add(id + " is FAILED (" + row.reason() + ") but its message is not in the download DLQ");
            }
            if (trulyPermanent.contains(id) && (storedRow || present)) {
                errors.add(id + " is over the cap yet was stored");
            }
            if (!trulyPermanent.contains(id) && !storedRow) {
                errors.add(id + " not recovered after healing and redriving: " + row.outcome() + " " + row.reason());
            }
        }
        for (OutcomeRow r : rows) {
            if (r.disclosureId() == null && (r.outcome() != Outcome.FAILED || r.reason() == null)) {
                errors.add("rejected row " + r.href() + " is " + r.outcome() + " without a reason");
            }
        }

        // 4. started_at once, updated_at moves, status path
        ExecutionStatus expected = trulyPermanent.isEmpty() && day.rejectedCount() == 0
                ? ExecutionStatus.COMPLETED : ExecutionStatus.COMPLETED_WITH_FAILURES;
        if (summary.status() != expected) errors.add("status " + summary.status() + ", expected " + expected);
        if (summary.startedAt() == null || summary.updatedAt() == null || summary.updatedAt().isBefore(summary.startedAt())
                || summary.finishedAt() == null) {
            errors.add("timestamps: started " + summary.startedAt() + ", updated " + summary.updatedAt() + ", finished " + summary.finishedAt());
        }
        var raw = env.dynamoDb().getItem(b -> b.tableName(resources.executionsTable())
                .key(Map.of(io.tdnet.model.Attributes.EXECUTION_ID, AttributeValue.fromS(executionId),
                        io.tdnet.model.Attributes.ENTRY, AttributeValue.fromS(io.tdnet.model.Attributes.SUMMARY_ENTRY)))
                .consistentRead(true)).item();
        List<String> history = raw.containsKey(STATUS_HISTORY)
                ? raw.get(STATUS_HISTORY).l().stream().map(v -> v.m().get(io.tdnet.model.Attributes.STATUS).s()).toList() : List.of();
        if (history.size() < 3 || !history.get(0).equals("LISTING") || !history.get(1).equals("RUNNING")) {
            errors.add("status history " + history + " does not go LISTING → RUNNING → settled");
        }
        if (!raw.containsKey(STARTED_AT) || !raw.containsKey(UPDATED_AT)) errors.add("summary lacks started_at/updated_at");

        // 5. polite; 8. only the origin asked
        List<RecordedRequest> requests = tdnet.requests();
        List<Long> times = requests.stream().map(RecordedRequest::nanoTime).sorted().toList();
        int max = PolitenessBench.maxInWindow(times, 1_000_000_000L);
        if (rate > 0 && max > Math.ceil(rate)) errors.add(max + " requests in one second at R = " + rate);
        for (RecordedRequest r : requests) {
            if (!r.path().startsWith(FakeTdnet.BASE_PATH)) errors.add("request outside the origin: " + r.path());
        }
        return new Result(seed, truth.size(), faults, monkey.counts(), lost, doubled, counterErrors, errors, summary,
                requests.size(), max, (System.nanoTime() - t0) / 1e9);
    }
}
