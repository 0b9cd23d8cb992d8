package io.tdnet.downloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.BatchOutcome;
import io.tdnet.model.Disclosure;
import io.tdnet.model.Names;
import io.tdnet.model.PersistMessage;
import io.tdnet.model.QueueMessage;
import io.tdnet.model.S3Keys;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import io.tdnet.faketdnet.Fault;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.RecordedRequest;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Every failure class against the fake TDnet's fault injection and the embedded stack. */
@ExtendWith(EmbeddedAwsExtension.class)
class DownloadWorkerIT {
    private FakeTdnet fake;
    private Rig rig;
    private List<Disclosure> docs;

    @BeforeEach
    void setUp(EmbeddedAwsStack stack) {
        stack.reset();
        fake = FakeTdnet.start();
        rig = new Rig(stack, fake);
        docs = rig.disclosures(fake.addDay(Rig.DATE, 12, 42));
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    // ---- healthy and transient: end stored, with the fake's sha256 -------------------------------

    @Test
    void storesAHealthyDocumentWithItsSha256AndForwardsIt() {
        Disclosure d = docs.get(0);
        storeOne(d, rig.worker(rig.config()));
        RecordedRequest request = onlyRequest(d);
        assertThat(request.header("User-Agent")).isEqualTo("tdnet-pipeline-it/1 (+http://127.0.0.1/contact)");
        assertThat(rig.downloadedBytes).containsExactly(fake.pdfLength(d.disclosureId()));
    }

    @Test
    void a503OnceIsRetriedInProcess() {
        Disclosure d = docs.get(1);
        fake.fault(d.disclosureId(), Fault.status(503, 1));
        storeOne(d, rig.worker(rig.config()));
        assertThat(rig.pdfRequests(d)).isEqualTo(2);
        assertThat(rig.retries).containsExactly("http 503");
    }

    @Test
    void a429WithRetryAfterIsWaitedOut() {
        Disclosure d = docs.get(2);
        fake.fault(d.disclosureId(), Fault.tooManyRequests(Duration.ofSeconds(1), 1));
        storeOne(d, rig.worker(rig.config()));
        List<RecordedRequest> requests = pdfRequests(d);
        assertThat(requests).hasSize(2);
        assertThat(Duration.ofNanos(requests.get(1).nanoTime() - requests.get(0).nanoTime()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(990));
        assertThat(rig.retries).containsExactly("http 429 (Retry-After 1 s)");
    }

    @Test
    void aRetryAfterOverTheCapEndsTheDeliveryAndBecomesTheVisibilityTimeout() {
        Disclosure d = docs.get(3);
        // cap 2 s (Rig.FAST): a 3 s Retry-After is not waited in process
        fake.fault(d.disclosureId(), Fault.tooManyRequests(Duration.ofSeconds(3), 1));
        DownloadWorker worker = rig.worker(rig.config());
        rig.enqueue(d);
        Instant first = Instant.now();
        BatchOutcome outcome = rig.deliver(worker, 5);
        assertThat(outcome.retry()).hasSize(1);
        assertThat(rig.pdfRequests(d)).isEqualTo(1);
        // invisible for the 3 s it asked for, then redelivered (receive count 2) and stored
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.deliver(worker, 1).retry().isEmpty() && !rig.lastBatch.isEmpty());
        assertThat(Duration.between(first, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        assertThat(rig.lastBatch.get(0).receiveCount()).isEqualTo(2);
        assertStored(d, single(rig.persisted()));
    }

    @Test
    void aResetMidBodyIsRetriedAndNothingPartialIsKept() {
        Disclosure d = docs.get(4);
        fake.fault(d.disclosureId(), Fault.resetMidBody(1));
        storeOne(d, rig.worker(rig.config()));
        assertThat(rig.pdfRequests(d)).isEqualTo(2);
        assertThat(rig.retries).hasSize(1);
    }

    @Test
    void aTruncatedBodyIsTransientAndNeverStored() {
        Disclosure d = docs.get(5);
        fake.fault(d.disclosureId(), Fault.truncated(1));
        storeOne(d, rig.worker(rig.config()));
        assertThat(rig.retries).singleElement().asString().startsWith("truncated body (");
    }

    @Test
    void aFortyFiveSecondStallHitsTheReadTimeoutAndIsRetried() {
        Disclosure d = docs.get(6);
        fake.fault(d.disclosureId(), Fault.stall(Duration.ofSeconds(45), 1));
        long start = System.nanoTime();
        storeOne(d, rig.worker(rig.config()));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(rig.retries).containsExactly("read timed out after 2000 ms");
    }

    @Test
    void aChunkedBodyOfSeveralPartsIsStoredByMultipartUpload() {
        Disclosure d = docs.get(7);
        fake.setPdfSize(d.disclosureId(), 20_000_000);
        fake.fault(d.disclosureId(), Fault.chunked());
        storeOne(d, rig.worker(rig.config()));
        assertThat(rig.downloadedBytes).containsExactly(20_000_000L);
    }

    @Test
    void aResetInTheMiddleOfAMultipartUploadAbortsItAndTheRetryStoresTheDocument() {
        Disclosure d = docs.get(9);
        fake.setPdfSize(d.disclosureId(), 20_000_000); // declared, over one 8 MiB part: a multipart upload
        fake.fault(d.disclosureId(), Fault.resetMidBody(1));
        storeOne(d, rig.worker(rig.config())); // asserts no open upload and no other key is left
        assertThat(rig.pdfRequests(d)).isEqualTo(2);
    }

    @Test
    void aSmallChunkedBodyIsStoredToo() {
        Disclosure d = docs.get(8);
        fake.fault(d.disclosureId(), Fault.chunked());
        storeOne(d, rig.worker(rig.config()));
    }

    @Test
    void aTransientFailureUsedUpInProcessIsLeftToSqsWithAGrowingVisibilityTimeout() {
        Disclosure d = docs.get(9);
        fake.fault(d.disclosureId(), Fault.status(503, 3)); // all 3 attempts of the first delivery
        DownloadWorker worker = rig.worker(rig.config());
        rig.enqueue(d);
        Instant first = Instant.now();
        assertThat(rig.deliver(worker, 5).retry()).hasSize(1);
        assertThat(rig.persisted()).isEmpty();
        // visibility after delivery 1 = 1 s (Rig.FAST): back, receive count 2, stored
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.deliver(worker, 1).retry().isEmpty() && !rig.lastBatch.isEmpty());
        assertThat(Duration.between(first, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(rig.lastBatch.get(0).receiveCount()).isEqualTo(2);
        assertThat(rig.pdfRequests(d)).isEqualTo(4);
        assertStored(d, single(rig.persisted()));
    }

    @Test
    void theLastDeliveryRecordsAPermanentFailureSoTheExecutionSettles() {
        Disclosure d = docs.get(10);
        fake.fault(d.disclosureId(), Fault.status(503));
        RetrySchedule twoDeliveries = new RetrySchedule(2, Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 2);
        DownloadWorker worker = rig.worker(rig.config().withRetry(twoDeliveries));
        String messageId = rig.enqueue(d);
        assertThat(rig.deliver(worker, 5).retry()).containsExactly(messageId);
        await().atMost(Duration.ofSeconds(10)).until(() -> !rig.deliver(worker, 1).retry().contains(messageId)
                && !rig.lastBatch.isEmpty());
        assertFailed(d, "gave up after 2 deliveries: http 503");
        assertThat(rig.pdfRequests(d)).isEqualTo(4);
    }

    // ---- permanent: failed persist message + DLQ copy with the reason, nothing in S3 --------------

    @Test
    void a404IsPermanent() {
        Disclosure d = docs.get(0);
        fake.fault(d.disclosureId(), Fault.status(404));
        failOne(d, "http 404");
        assertThat(rig.pdfRequests(d)).isEqualTo(1);
    }

    @Test
    void a410IsPermanent() {
        Disclosure d = docs.get(1);
        fake.fault(d.disclosureId(), Fault.status(410));
        failOne(d, "http 410");
    }

    @Test
    void anHtmlPageWithStatus200IsNotAPdf() {
        Disclosure d = docs.get(2);
        fake.fault(d.disclosureId(), Fault.html200());
        failOne(d, "not a PDF (starts with <!DOC)");
        assertThat(rig.pdfRequests(d)).isEqualTo(1);
    }

    @Test
    void aDeclaredBodyOverTheCapIsRefusedFromItsContentLength() {
        Disclosure d = docs.get(3);
        fake.fault(d.disclosureId(), Fault.oversized(5_000_000, true));
        rig.enqueue(d);
        assertThat(rig.deliver(rig.worker(rig.config().withMaxPdfBytes(1_000_000)), 5).retry()).isEmpty();
        assertFailed(d, "body over 1000000 bytes (Content-Length 5000000)");
    }

    @Test
    void aChunkedBodyOverTheCapIsCutOffWhileStreamingAndLeavesNothing() {
        Disclosure d = docs.get(4);
        // two full 8 MiB parts fit under the cap, the third crosses it: the multipart upload is aborted
        fake.fault(d.disclosureId(), Fault.oversized(40_000_000, false));
        rig.enqueue(d);
        assertThat(rig.deliver(rig.worker(rig.config().withMaxPdfBytes(20_000_000)), 5).retry()).isEmpty();
        assertFailed(d, "body over 20000000 bytes (no Content-Length, cut off while streaming)");
    }

    @Test
    void aRedirectIsNeverFollowed() {
        try (FakeTdnet other = FakeTdnet.start(loopback("127.0.0.2"))) {
            other.addDay(Rig.DATE, 12, 42);
            Disclosure d = docs.get(5);
            URI elsewhere = other.pdfUri(d.disclosureId());
            fake.fault(d.disclosureId(), Fault.redirect(elsewhere));
            failOne(d, "redirect to " + elsewhere + " refused (http 302)");
            assertThat(other.requests()).isEmpty();
            assertThat(rig.pdfRequests(d)).isEqualTo(1);
        }
    }

    @Test
    void aPdfUrlOutsideTheOriginIsNeverFetched() {
        try (FakeTdnet other = FakeTdnet.start(loopback("127.0.0.2"))) {
            other.addDay(Rig.DATE, 12, 42);
            Disclosure d = docs.get(6);
            String foreign = other.pdfUri(d.disclosureId()).toString();
            Disclosure forged = new Disclosure(d.disclosureId(), d.disclosedDate(), d.disclosedAt(), d.companyCode(),
                    d.companyName(), d.title(), d.previousTitle(), d.exchanges(), d.history(), foreign, d.xbrlUrl());
            failOne(forged, "pdf_url " + foreign + " is outside the TDnet origin " + fake.baseUrl() + "; not fetched");
            assertThat(other.requests()).isEmpty();
            assertThat(fake.requests()).isEmpty();
        }
    }

    @Test
    void aMalformedBodyGoesToTheDlqWithItsReason() {
        String id = rig.enqueueBody("{not json");
        assertThat(rig.deliver(rig.worker(rig.config()), 5).retry()).isEmpty();
        Message dlq = single(rig.drain(rig.stack.resources().downloadDlqUrl()));
        assertThat(dlq.body()).isEqualTo("{not json");
        assertThat(reason(dlq)).startsWith("malformed message body");
        assertThat(rig.persisted()).isEmpty();
        assertThat(rig.drain(rig.stack.resources().downloadQueueUrl())).isEmpty();
        assertThat(id).isNotBlank();
    }

    @Test
    void anUnknownSchemaVersionGoesToTheDlq() {
        String body = rig.codec.encode(io.tdnet.model.DownloadMessage.of("exec-1", docs.get(0)))
                .replace("\"schema_version\":1", "\"schema_version\":99");
        rig.enqueueBody(body);
        assertThat(rig.deliver(rig.worker(rig.config()), 5).retry()).isEmpty();
        Message dlq = single(rig.drain(rig.stack.resources().downloadDlqUrl()));
        assertThat(reason(dlq)).isEqualTo("unsupported schema_version 99 (this build reads 1)");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void aRedrivenMessageKeepsItsFirstFailureInstant() {
        Disclosure d = docs.get(7);
        fake.fault(d.disclosureId(), Fault.status(404));
        String body = rig.codec.encode(io.tdnet.model.DownloadMessage.of("exec-1", d));
        rig.stack.sqs().sendMessage(b -> b.queueUrl(rig.stack.resources().downloadQueueUrl()).messageBody(body)
                .messageAttributes(Map.of(Names.ATTR_FIRST_FAILURE_AT, MessageAttributeValue.builder()
                        .dataType("String").stringValue("2026-02-13T00:00:00Z").build())));
        rig.deliver(rig.worker(rig.config()), 5);
        Message dlq = single(rig.drain(rig.stack.resources().downloadDlqUrl()));
        assertThat(dlq.messageAttributes().get(Names.ATTR_FIRST_FAILURE_AT).stringValue()).isEqualTo("2026-02-13T00:00:00Z");
    }

    // ---- idempotence ---------------------------------------------------------------------------

    @Test
    void aRedeliveredStoredDocumentIsNotFetchedAgain() {
        Disclosure d = docs.get(8);
        DownloadWorker worker = rig.worker(rig.config());
        PersistMessage first = storeOne(d, worker);
        fake.clearRequests();
        rig.enqueue(d);
        assertThat(rig.deliver(worker, 5).retry()).isEmpty();
        PersistMessage again = single(rig.persisted());
        assertThat(again.pdf()).isEqualTo(first.pdf());
        assertThat(fake.requests()).isEmpty();
    }

    // ---- persist messages: one SendMessageBatch per batch, never lost --------------------------

    @Test
    void aBatchForwardsItsPersistMessagesInOneSendMessageBatch() {
        List<Disclosure> eight = docs.subList(0, 8);
        eight.forEach(rig::enqueue);
        Map<String, Integer> calls = new java.util.concurrent.ConcurrentHashMap<>();
        DownloadWorker worker = rig.worker(rig.config(), rig.pacer(Rig.RATE), 1, rig.countingSqs(calls),
                DownloadWorker.Queues.of(rig.stack.resources()));
        int handled = 0;
        int batches = 0;
        while (handled < eight.size()) {
            BatchOutcome outcome = rig.deliver(worker, 1);
            assertThat(outcome.retry()).isEmpty();
            handled += rig.lastBatch.size();
            if (!rig.lastBatch.isEmpty()) batches++;
        }
        List<PersistMessage> persisted = rig.persisted();
        assertThat(persisted).extracting(PersistMessage::disclosure).containsExactlyInAnyOrderElementsOf(eight);
        persisted.forEach(p -> assertStored(p.disclosure(), p));
        assertThat(calls).doesNotContainKey("sendMessage");
        assertThat(calls.get("sendMessageBatch")).as("one per received batch").isEqualTo(batches);
    }

    @Test
    void aPersistBatchThatCannotBeSentLeavesItsDownloadMessagesForRedelivery() {
        Disclosure d = docs.get(10);
        rig.enqueue(d);
        var resources = rig.stack.resources();
        String missingQueue = resources.persistQueueUrl() + "-missing";
        DownloadWorker cut = rig.worker(rig.config(), rig.pacer(Rig.RATE), 1, rig.stack.sqs(),
                new DownloadWorker.Queues(resources.downloadQueueUrl(), resources.downloadDlqUrl(), missingQueue));
        BatchOutcome outcome = rig.deliver(cut, 5);
        assertThat(outcome.retry()).containsExactly(rig.lastBatch.get(0).messageId()); // stored, but not forwarded: kept
        assertThat(rig.persisted()).isEmpty();

        // the redelivery finds the document stored and forwards it, without a second request to TDnet
        rig.stack.sqs().changeMessageVisibility(b -> b.queueUrl(resources.downloadQueueUrl())
                .receiptHandle(rig.lastBatch.get(0).receiptHandle()).visibilityTimeout(0));
        fake.clearRequests();
        assertThat(rig.deliver(rig.worker(rig.config()), 5).retry()).isEmpty();
        assertStored(d, single(rig.persisted()));
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void theLambdaHandlerReportsTheMessagesToRetryAsBatchItemFailures() {
        Disclosure ok = docs.get(9);
        Disclosure down = docs.get(10);
        fake.fault(down.disclosureId(), Fault.status(503));
        rig.enqueue(ok);
        rig.enqueue(down);
        DownloaderHandler handler = new DownloaderHandler(rig.worker(rig.config()), EmfMetrics.toStdout(DownloaderHandler.COMPONENT));
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            for (Message m : rig.stack.sqs().receiveMessage(b -> b.queueUrl(rig.stack.resources().downloadQueueUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
                r.setMessageId(m.messageId());
                r.setReceiptHandle(m.receiptHandle());
                r.setBody(m.body());
                r.setAttributes(Map.of("ApproximateReceiveCount", "1"));
                records.add(r);
            }
            return records.size() == 2;
        });
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        SQSBatchResponse response = handler.handleRequest(event, null);
        String downId = records.stream().filter(r -> r.getBody().contains(down.disclosureId().value()))
                .findFirst().orElseThrow().getMessageId();
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(downId);
        assertStored(ok, single(rig.persisted()));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private PersistMessage storeOne(Disclosure d, DownloadWorker worker) {
        rig.enqueue(d);
        BatchOutcome outcome = rig.deliver(worker, 5);
        assertThat(rig.lastBatch).hasSize(1);
        assertThat(outcome.retry()).isEmpty();
        PersistMessage persisted = single(rig.persisted());
        assertStored(d, persisted);
        return persisted;
    }

    private void assertStored(Disclosure d, PersistMessage persisted) {
        assertThat(persisted.isFailure()).isFalse();
        assertThat(persisted.executionId()).isEqualTo("exec-1");
        assertThat(persisted.disclosure()).isEqualTo(d);
        String key = S3Keys.pdfKey(d.disclosedDate(), d.disclosureId());
        String sha = fake.pdfSha256(d.disclosureId());
        assertThat(persisted.pdf().s3Key()).isEqualTo(key);
        assertThat(persisted.pdf().sha256()).isEqualTo(sha);
        assertThat(persisted.pdf().bytes()).isEqualTo(fake.pdfLength(d.disclosureId()));
        assertThat(rig.metadata(key)).containsEntry(S3Keys.META_SHA256, sha)
                .containsEntry(S3Keys.META_BYTES, Long.toString(fake.pdfLength(d.disclosureId())));
        if (fake.pdfLength(d.disclosureId()) < 1_000_000) {
            byte[] stored = rig.stack.s3().getObjectAsBytes(b -> b.bucket(rig.stack.resources().bucket()).key(key)).asByteArray();
            assertThat(stored).isEqualTo(fake.pdfBytes(d.disclosureId()));
        }
        assertThat(rig.leftovers()).isEmpty();
        assertThat(rig.drain(rig.stack.resources().downloadDlqUrl())).isEmpty();
    }

    private void failOne(Disclosure d, String reason) {
        rig.enqueue(d);
        assertThat(rig.deliver(rig.worker(rig.config()), 5).retry()).isEmpty();
        assertFailed(d, reason);
    }

    private void assertFailed(Disclosure d, String reason) {
        PersistMessage failed = single(rig.persisted());
        assertThat(failed.isFailure()).isTrue();
        assertThat(failed.failureReason()).isEqualTo(reason);
        assertThat(failed.disclosure()).isEqualTo(d);
        Message dlq = single(rig.drain(rig.stack.resources().downloadDlqUrl()));
        assertThat(rig.codec.decodeDownload(dlq.body()).disclosure()).isEqualTo(d);
        assertThat(reason(dlq)).isEqualTo(reason);
        assertThat(Instant.parse(dlq.messageAttributes().get(Names.ATTR_FIRST_FAILURE_AT).stringValue()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(dlq.messageAttributes().get(Names.ATTR_SOURCE_QUEUE).stringValue())
                .isEqualTo(rig.stack.resources().downloadQueueUrl());
        assertThat(rig.keys("")).isEmpty(); // nothing in S3: no object, no open upload
        assertThat(rig.leftovers()).isEmpty();
        assertThat(rig.drain(rig.stack.resources().downloadQueueUrl())).isEmpty();
        assertThat(rig.downloadedBytes).isEmpty();
    }

    private static String reason(Message dlq) {
        return dlq.messageAttributes().get(Names.ATTR_FAILURE_REASON).stringValue();
    }

    private List<RecordedRequest> pdfRequests(Disclosure d) {
        return fake.requests().stream().filter(r -> r.fileName().equals(d.disclosureId().value() + ".pdf")).toList();
    }

    private RecordedRequest onlyRequest(Disclosure d) {
        return single(pdfRequests(d));
    }

    private static <T> T single(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static InetAddress loopback(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withLessTimeLeftThanADocumentsBudgetNothingIsStartedAndEverythingIsLeftForRedelivery() {
        Disclosure d = docs.get(11);
        rig.enqueue(d);
        DownloadWorker worker = rig.worker(rig.config());
        List<QueueMessage> batch = new ArrayList<>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            rig.stack.sqs().receiveMessage(b -> b.queueUrl(rig.stack.resources().downloadQueueUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages().forEach(m -> batch.add(Rig.toQueueMessage(m)));
            return !batch.isEmpty();
        });
        Duration budget = rig.config().documentBudget();

        BatchOutcome outcome = worker.handle(batch, () -> budget.minusMillis(1));

        assertThat(outcome.retry()).containsExactly(batch.get(0).messageId());
        assertThat(fake.requests()).isEmpty();
        assertThat(worker.handle(batch, () -> budget).retry()).isEmpty();
        assertThat(rig.pdfRequests(d)).isEqualTo(1);
    }
}
