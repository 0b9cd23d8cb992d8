package io.tdnet.lister;

import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.ListingPlan;
import io.tdnet.ledger.RejectedRow;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.DownloadMessage;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.JsonCodec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Plans and starts the execution of one date: reads the whole list (or fails loudly), counts what the
 * archive already holds as already present without fetching it, records the plan in the ledger, and
 * only then sends one download message per new disclosure. Running a date again is the intraday
 * increment; running it while an execution of that date is unsettled continues that execution.
 */
public final class DisclosureLister {
    private static final Logger log = LoggerFactory.getLogger(DisclosureLister.class);

    private final DayListingReader reader;
    private final ExecutionLedger ledger;
    private final DisclosureArchive archive;
    private final SqsClient sqs;
    private final String downloadQueueUrl;
    private final ExecutionIds executionIds;
    private final JsonCodec codec = new JsonCodec();

    public DisclosureLister(DayListingReader reader, ExecutionLedger ledger, DisclosureArchive archive,
                            SqsClient sqs, String downloadQueueUrl, ExecutionIds executionIds) {
        this.reader = reader;
        this.ledger = ledger;
        this.archive = archive;
        this.sqs = sqs;
        this.downloadQueueUrl = downloadQueueUrl;
        this.executionIds = executionIds;
    }

    /** The unsettled execution of a date, if a previous run left one. */
    public Optional<ExecutionSummary> unsettled(LocalDate date) {
        return ledger.executionsOf(date).filter(e -> !e.status().isSettled()).findFirst();
    }

    /**
     * Lists the date: continues its unsettled execution when there is one (re-reading the list when
     * the earlier run died before accepting it, re-sending its pending messages when it died while
     * sending), else starts a new execution.
     */
    public ListingResult list(LocalDate date) throws InterruptedException {
        Optional<ExecutionSummary> unsettled = unsettled(date);
        if (unsettled.isPresent() && unsettled.get().status() == ExecutionStatus.RUNNING) {
            return new ListingResult(unsettled.get(), 0, null, null, false); // its Listed was reported when it was accepted
        }
        if (unsettled.isPresent() && unsettled.get().bannerTotal() != null) {
            String id = unsettled.get().executionId();
            try (MDC.MDCCloseable ignored = MDC.putCloseable("execution_id", id)) {
                log.info("continuing execution {}: the list was accepted, sending what is pending", id);
                int sent = enqueue(id, ledger.pending(id));
                return new ListingResult(ledger.markRunning(id), sent, null, null);
            }
        }
        String executionId = unsettled.map(ExecutionSummary::executionId).orElseGet(() -> executionIds.next(date));
        String outerExecution = MDC.get("execution_id"); // restored after: a caller may have set its own
        MDC.put("execution_id", executionId);
        try {
            ledger.begin(executionId, date);
            DayListing listing;
            try {
                listing = reader.read(date);
            } catch (ListingFailedException e) {
                log.error("listing {} failed: {}", date, e.getMessage());
                ledger.markFailed(executionId, e.getMessage());
                return new ListingResult(ledger.summary(executionId).orElseThrow(), 0, e.kind(), e.getMessage());
            }
            ListingPlan plan = plan(listing);
            for (var withdrawn : listing.withdrawn()) {
                if (archive.markWithdrawn(date, withdrawn.at(), withdrawn.code(), withdrawn.title())) {
                    log.info("withdrawn by TDnet: {} {} {}", withdrawn.at(), withdrawn.code(), withdrawn.title());
                }
            }
            ledger.acceptListing(executionId, plan);
            log.info("{}: banner {} = {} listed ({} new, {} already stored, {} rejected) + {} withdrawn",
                    date, plan.bannerTotal(), plan.listed(), plan.pending().size(), plan.alreadyPresent().size(),
                    plan.rejected().size(), plan.withdrawn());
            int sent = enqueue(executionId, plan.pending());
            return new ListingResult(ledger.markRunning(executionId), sent, null, null);
        } finally {
            if (outerExecution == null) MDC.remove("execution_id");
            else MDC.put("execution_id", outerExecution);
        }
    }

    /** Sends the pending disclosures of a RUNNING execution again (a resumed run, after the queues drained). */
    public int resendPending(String executionId) {
        return enqueue(executionId, ledger.pending(executionId));
    }

    private ListingPlan plan(DayListing listing) {
        List<DisclosureId> ids = listing.disclosures().stream().map(Disclosure::disclosureId).toList();
        Set<DisclosureId> stored = archive.storedAmong(ids);
        List<Disclosure> pending = listing.disclosures().stream().filter(d -> !stored.contains(d.disclosureId())).toList();
        List<DisclosureId> alreadyPresent = ids.stream().filter(stored::contains).toList();
        List<RejectedRow> rejected = listing.rejected().stream()
                .map(r -> new RejectedRow(r.at().toString(), r.code(), r.name(), r.title(), r.href(), r.reason()))
                .toList();
        return new ListingPlan(listing.bannerTotal(), listing.withdrawn().size(), pending, alreadyPresent, rejected);
    }

    private int enqueue(String executionId, List<Disclosure> disclosures) {
        int sent = 0;
        for (int i = 0; i < disclosures.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<Disclosure> chunk = disclosures.subList(i, Math.min(i + 10, disclosures.size()));
            for (int j = 0; j < chunk.size(); j++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(j))
                        .messageBody(codec.encode(DownloadMessage.of(executionId, chunk.get(j)))).build());
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
