package io.tdnet.lister;

import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.ListingLease;
import io.tdnet.ledger.ListingLeases;
import io.tdnet.ledger.ListingPlan;
import io.tdnet.ledger.PlanChunk;
import io.tdnet.ledger.RejectedRow;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.DownloadMessage;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.Attributes;
import io.tdnet.model.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Plans and starts the execution of one date: reads the whole list (or fails loudly: a malformed day
 * enqueues nothing), then plans it in chunks — counts what the archive already holds as already present
 * without fetching it, records the chunk in the ledger, sends one download message per new disclosure
 * of the chunk — so downloads start on the first chunk while the rest is planned. Running a date again is the intraday
 * increment, also while an earlier execution of the date is still running: what that one has queued is
 * counted in flight here, not enqueued twice.
 *
 * <p>Planning a date takes its listing lease ({@link ListingLeases}); a lister that finds it held says
 * who holds it, waits for it, and then lists the date as the next intraday run. Every plan write is
 * fenced by the lease's token. A LISTING execution found under the lease belongs to a lister that died
 * (its lease expired, or it had this holder name): it is continued under its own id, planning only the
 * rows its chunks did not record and sending again those still pending.
 */
public final class DisclosureLister {
    private static final Logger log = LoggerFactory.getLogger(DisclosureLister.class);
    /** How often a waiting lister looks at the lease again. */
    private static final Duration LEASE_POLL = Duration.ofMillis(500);
    /** The first chunk is one message batch: the downloaders start while the rest is planned. */
    private static final int FIRST_CHUNK = 10;

    private final DayListingReader reader;
    private final ExecutionLedger ledger;
    private final ListingLeases leases;
    private final String holder;
    private final Duration maxLeaseWait;
    private final DisclosureArchive archive;
    private final SqsClient sqs;
    private final String downloadQueueUrl;
    private final ExecutionIds executionIds;
    private final boolean withXbrl;
    private final JsonCodec codec = new JsonCodec();

    /**
     * @param holder this lister's name on the lease (shown to a lister that waits for it); a process
     *     that restarts under the same name takes its own lease back at once
     * @param maxLeaseWait how long to wait for a lease another lister holds before giving up
     */
    public DisclosureLister(DayListingReader reader, ExecutionLedger ledger, ListingLeases leases, String holder,
                            Duration maxLeaseWait, DisclosureArchive archive, SqsClient sqs, String downloadQueueUrl,
                            ExecutionIds executionIds) {
        this(reader, ledger, leases, holder, maxLeaseWait, archive, sqs, downloadQueueUrl, executionIds, false);
    }

    /**
     * @param withXbrl the executions this lister plans fetch XBRL zips too: every message asks for the
     *     XBRL, and a disclosure stored earlier without the XBRL its row links is planned again (PENDING:
     *     its PDF is found in S3 without a request and counts as already present, its XBRL is fetched)
     */
    public DisclosureLister(DayListingReader reader, ExecutionLedger ledger, ListingLeases leases, String holder,
                            Duration maxLeaseWait, DisclosureArchive archive, SqsClient sqs, String downloadQueueUrl,
                            ExecutionIds executionIds, boolean withXbrl) {
        this.withXbrl = withXbrl;
        this.reader = reader;
        this.ledger = ledger;
        this.leases = leases;
        this.holder = holder;
        this.maxLeaseWait = maxLeaseWait;
        this.archive = archive;
        this.sqs = sqs;
        this.downloadQueueUrl = downloadQueueUrl;
        this.executionIds = executionIds;
    }

    /** The unsettled execution of a date, if a previous run left one. */
    public Optional<ExecutionSummary> unsettled(LocalDate date) {
        return ledger.executionsOf(date).filter(e -> !e.status().isSettled()).findFirst();
    }

    /** Lists the date; notices (who holds the lease) go to the log only. */
    public ListingResult list(LocalDate date) throws InterruptedException {
        return list(date, notice -> {});
    }

    /**
     * Lists the date under its lease: continues a LISTING execution a dead lister left (re-reading the
     * list when it died before accepting it, re-sending its pending messages when it died while
     * sending), else starts a new execution. {@code notices} hears who holds the lease while waiting.
     */
    public ListingResult list(LocalDate date, Consumer<String> notices) throws InterruptedException {
        ListingLease lease = acquire(date, notices);
        try (LeaseKeeper keeper = new LeaseKeeper(leases, lease, ListingLeases.DEFAULT_DURATION.dividedBy(3))) {
            return listUnder(date, keeper);
        }
    }

    private ListingLease acquire(LocalDate date, Consumer<String> notices) throws InterruptedException {
        Instant giveUp = Instant.now().plus(maxLeaseWait);
        String lastHolder = null;
        while (true) {
            Optional<ListingLease> lease = leases.tryAcquire(date, holder);
            if (lease.isPresent()) return lease.get();
            Optional<ListingLeases.Holder> current = leases.holder(date);
            String who = current.map(ListingLeases.Holder::holder).orElse("another lister");
            if (!who.equals(lastHolder)) {
                String notice = date + " is being listed by " + who
                        + current.map(h -> " (lease until " + h.expiresAt() + ")").orElse("")
                        + "; waiting for it, then listing the date as the next intraday run";
                log.info(notice);
                notices.accept(notice);
                lastHolder = who;
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new LeaseHeldException(date + " is still being listed by " + who + " after waiting "
                        + maxLeaseWait.toSeconds() + " s");
            }
            Thread.sleep(LEASE_POLL.toMillis());
        }
    }

    private ListingResult listUnder(LocalDate date, LeaseKeeper keeper) throws InterruptedException {
        Optional<ExecutionSummary> listing = ledger.executionsOf(date)
                .filter(e -> e.status() == ExecutionStatus.LISTING).findFirst();
        if (listing.isPresent() && listing.get().bannerTotal() != null) {
            String id = listing.get().executionId();
            try (MDC.MDCCloseable ignored = MDC.putCloseable("execution_id", id)) {
                log.info("continuing execution {}: the list was accepted, sending what is pending", id);
                int sent = enqueue(id, ledger.pending(id));
                return new ListingResult(ledger.markRunning(id, keeper.lease()), sent, null, null);
            }
        }
        String executionId = listing.map(ExecutionSummary::executionId).orElseGet(() -> executionIds.next(date));
        String outerExecution = MDC.get("execution_id"); // restored after: a caller may have set its own
        MDC.put("execution_id", executionId);
        try {
            ledger.begin(executionId, date, keeper.lease());
            DayListing dayListing;
            try {
                dayListing = reader.read(date);
            } catch (ListingFailedException e) {
                log.error("listing {} failed: {}", date, e.getMessage());
                ledger.markFailed(executionId, e.getMessage(), keeper.lease());
                return new ListingResult(ledger.summary(executionId).orElseThrow(), 0, e.kind(), e.getMessage());
            }
            int sent = planAndEnqueue(executionId, dayListing, keeper.lease());
            for (var withdrawn : dayListing.withdrawn()) {
                if (archive.markWithdrawn(date, withdrawn.at(), withdrawn.code(), withdrawn.title())) {
                    log.info("withdrawn by TDnet: {} {} {}", withdrawn.at(), withdrawn.code(), withdrawn.title());
                }
            }
            ledger.acceptListing(executionId, dayListing.bannerTotal(), dayListing.withdrawn().size(), keeper.lease());
            ExecutionSummary running = ledger.markRunning(executionId, keeper.lease());
            log.info("{}: banner {} = {} listed ({} sent, {} already stored, {} in flight, {} failed so far) + {} withdrawn",
                    date, dayListing.bannerTotal(), running.listed(), sent, running.alreadyPresent(), running.inFlight(),
                    running.failed(), running.withdrawn());
            return new ListingResult(running, sent, null, null);
        } finally {
            if (outerExecution == null) MDC.remove("execution_id");
            else MDC.put("execution_id", outerExecution);
        }
    }

    /** Sends the pending disclosures of a RUNNING execution again (a resumed run, after the queues drained). */
    public int resendPending(String executionId) {
        return enqueue(executionId, ledger.pending(executionId));
    }

    /**
     * Plans the accepted list chunk by chunk and sends each chunk's messages before planning the next,
     * so downloads start on the first chunk (the first is small: one message batch). Rows an interrupted
     * attempt of this execution recorded are not planned again; those of them still PENDING are sent
     * again (their messages may not have gone out; a duplicate is harmless), also when the new list no
     * longer holds them. Returns the messages sent.
     */
    private int planAndEnqueue(String executionId, DayListing listing, ListingLease lease) {
        Map<String, Outcome> planned = ledger.plannedOutcomes(executionId);
        Map<DisclosureId, String> queued = ledger.queuedByUnsettled(listing.date(), executionId);
        // read once, like `queued`: what another execution stores meanwhile is in flight there, or is
        // found stored by the downloader and recorded already present
        DisclosureArchive.StoredOnDate storedOnDate = archive.storedOn(listing.date());
        List<Disclosure> disclosures = listing.disclosures();
        int sent = 0;
        for (int from = 0, size = FIRST_CHUNK; from < disclosures.size(); from += size, size = PlanChunk.MAX_ROWS) {
            List<Disclosure> slice = disclosures.subList(from, Math.min(from + size, disclosures.size()));
            Set<DisclosureId> stored = slice.stream().map(Disclosure::disclosureId)
                    .filter(storedOnDate.stored()::contains).collect(Collectors.toCollection(java.util.HashSet::new));
            if (withXbrl) {
                // stored earlier without the XBRL the row links: planned again (PENDING), for the XBRL
                slice.stream().filter(d -> d.xbrlUrl() != null).map(Disclosure::disclosureId)
                        .filter(storedOnDate.withoutXbrl()::contains).forEach(stored::remove);
            }
            List<Disclosure> pending = new ArrayList<>();
            List<DisclosureId> alreadyPresent = new ArrayList<>();
            List<ListingPlan.InFlight> inFlight = new ArrayList<>();
            List<Disclosure> toSend = new ArrayList<>();
            for (Disclosure d : slice) {
                DisclosureId id = d.disclosureId();
                Outcome earlier = planned.get(PlanChunk.entryOf(id));
                if (earlier != null) {
                    if (earlier == Outcome.PENDING) toSend.add(d);
                } else if (stored.contains(id)) {
                    alreadyPresent.add(id);
                } else if (queued.containsKey(id)) {
                    inFlight.add(new ListingPlan.InFlight(id, queued.get(id)));
                } else {
                    pending.add(d);
                    toSend.add(d);
                }
            }
            ledger.planChunk(executionId, new PlanChunk(pending, alreadyPresent, inFlight, List.of()), lease);
            sent += enqueue(executionId, toSend);
        }
        List<RejectedRow> rejected = RejectedRow.numbered(listing.rejected().stream()
                .map(r -> new RejectedRow(r.at().toString(), r.code(), r.name(), r.title(), r.href(), r.reason()))
                .toList()).stream().filter(r -> !planned.containsKey(r.entryKey())).toList();
        for (PlanChunk chunk : PlanChunk.ofRejected(rejected)) ledger.planChunk(executionId, chunk, lease);
        Set<DisclosureId> listedNow = disclosures.stream().map(Disclosure::disclosureId).collect(Collectors.toSet());
        boolean leftBehind = planned.entrySet().stream().anyMatch(e -> e.getValue() == Outcome.PENDING
                && e.getKey().startsWith(Attributes.OUTCOME_PREFIX)
                && !listedNow.contains(new DisclosureId(e.getKey().substring(Attributes.OUTCOME_PREFIX.length()))));
        if (leftBehind) {
            List<Disclosure> gone = ledger.pending(executionId).stream().filter(d -> !listedNow.contains(d.disclosureId())).toList();
            log.warn("{} disclosures planned by an interrupted attempt are no longer listed; they stay counted and are sent again",
                    gone.size());
            sent += enqueue(executionId, gone);
        }
        return sent;
    }

    private int enqueue(String executionId, List<Disclosure> disclosures) {
        int sent = 0;
        for (int i = 0; i < disclosures.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<Disclosure> chunk = disclosures.subList(i, Math.min(i + 10, disclosures.size()));
            for (int j = 0; j < chunk.size(); j++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(j))
                        .messageBody(codec.encode(DownloadMessage.of(executionId, chunk.get(j), withXbrl))).build());
            }
            sent += sendAll(entries);
        }
        return sent;
    }

    private int sendAll(List<SendMessageBatchRequestEntry> entries) {
        List<SendMessageBatchRequestEntry> remaining = entries;
        for (int attempt = 1; !remaining.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> request = remaining;
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(downloadQueueUrl).entries(request));
            if (!response.hasFailed() || response.failed().isEmpty()) break;
            if (attempt >= 5) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " messages: " + response.failed().get(0).message());
            }
            Set<String> failed = new java.util.HashSet<>();
            response.failed().forEach(f -> failed.add(f.id()));
            remaining = request.stream().filter(e -> failed.contains(e.id())).toList();
        }
        return entries.size();
    }
}
