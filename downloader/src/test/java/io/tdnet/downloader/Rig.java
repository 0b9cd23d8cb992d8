package io.tdnet.downloader;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.BatchOutcome;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DownloadMessage;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.PersistMessage;
import io.tdnet.model.QueueMessage;
import io.tdnet.model.Pacer;
import io.tdnet.model.Rate;
import io.tdnet.wiring.pacing.SharedPacer;
import io.tdnet.wiring.pacing.SharedSchedule;
import io.tdnet.model.S3Keys;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeRow;
import io.tdnet.faketdnet.FakeTdnet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Wiring for the downloader ITs: the real worker against the embedded stack and a fake TDnet. */
final class Rig {
    static final LocalDate DATE = LocalDate.of(2026, 2, 13);
    static final ZoneOffset JST = ZoneOffset.ofHours(9);

    /** Small numbers so every failure class settles in seconds. */
    static final RetrySchedule FAST = new RetrySchedule(3, Duration.ofMillis(50), Duration.ofMillis(200), 0.25,
            Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(4), 12);

    /** Fast enough not to slow the tests, paced all the same. */
    static final double RATE = 50;

    final EmbeddedAwsStack stack;
    final FakeTdnet fake;
    final JsonCodec codec = new JsonCodec();
    final List<Long> downloadedBytes = new CopyOnWriteArrayList<>();
    final List<String> retries = new CopyOnWriteArrayList<>();
    final List<Duration> pacerWaits = new CopyOnWriteArrayList<>();

    Rig(EmbeddedAwsStack stack, FakeTdnet fake) {
        this.stack = stack;
        this.fake = fake;
    }

    DownloaderConfig config() {
        return DownloaderConfig.defaults(TdnetOrigin.of(fake.baseUrl()))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                .withRetry(FAST)
                .withUserAgent("tdnet-pipeline-it/1 (+http://127.0.0.1/contact)");
    }

    DownloadMetrics metrics() {
        return new DownloadMetrics() {
            @Override public void downloadedBytes(long bytes) { downloadedBytes.add(bytes); }
            @Override public void retried(String reason) { retries.add(reason); }
            @Override public void pacerWaited(Duration waited) { pacerWaits.add(waited); }
        };
    }

    DownloadWorker worker(DownloaderConfig config) {
        return worker(config, pacer(RATE), 1);
    }

    /** The shared schedule on the embedded stack's DynamoDB Local, as collect uses it. */
    Pacer pacer(double rate) {
        return SharedSchedule.inProcess(stack.scheduleDynamoDb(), io.tdnet.model.Names.PACER_TABLE, Rate.perSecond(rate),
                TdnetOrigin.of(fake.baseUrl()), SharedPacer.Observer.NONE);
    }

    DownloadWorker worker(DownloaderConfig config, Pacer pacer, int threads) {
        return worker(config, pacer, threads, stack.sqs(), DownloadWorker.Queues.of(stack.resources()));
    }

    DownloadWorker worker(DownloaderConfig config, Pacer pacer, int threads, SqsClient sqs, DownloadWorker.Queues queues) {
        PdfDownloader downloader = new PdfDownloader(config, pacer, stack.s3(), stack.resources().bucket(), metrics(),
                Clock.systemUTC());
        return new DownloadWorker(downloader, sqs, queues, codec, config.retry(), Clock.systemUTC(), threads, AttemptLog.NONE);
    }

    /** The stack's SQS client, counting the calls made through it by operation (a proxy, not a mock: every call goes through). */
    SqsClient countingSqs(Map<String, Integer> calls) {
        SqsClient real = stack.sqs();
        return (SqsClient) java.lang.reflect.Proxy.newProxyInstance(SqsClient.class.getClassLoader(), new Class<?>[] {SqsClient.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() != Object.class) calls.merge(method.getName(), 1, Integer::sum);
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The disclosures of a generated day that carry a valid link, as the lister would enqueue them. */
    List<Disclosure> disclosures(FakeDay day) {
        List<Disclosure> out = new ArrayList<>();
        for (FakeRow row : day.rows()) {
            if (!row.hasValidLink()) continue;
            out.add(new Disclosure(row.id(), day.date(), day.date().atTime(row.time()).atOffset(JST), row.code(),
                    row.name(), row.title(), row.previousTitle(), row.exchanges(),
                    row.history() == null || row.history().isEmpty() ? null : row.history(),
                    fake.pdfUri(row.id()).toString(), row.xbrl() == null ? null : fake.uri(row.xbrl()).toString()));
        }
        return out;
    }

    String enqueue(Disclosure d) {
        return enqueueBody(codec.encode(DownloadMessage.of("exec-1", d)));
    }

    String enqueueBody(String body) {
        return stack.sqs().sendMessage(b -> b.queueUrl(stack.resources().downloadQueueUrl()).messageBody(body)).messageId();
    }

    /** One receive from the download queue, handled by the worker; done messages are deleted, like the worker loop. */
    BatchOutcome deliver(DownloadWorker worker, int waitSeconds) {
        List<Message> received = stack.sqs().receiveMessage(b -> b.queueUrl(stack.resources().downloadQueueUrl())
                .maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .messageAttributeNames("All")).messages();
        List<QueueMessage> batch = received.stream().map(Rig::toQueueMessage).toList();
        BatchOutcome outcome = worker.handle(batch);
        for (QueueMessage m : outcome.done(batch)) {
            stack.sqs().deleteMessage(b -> b.queueUrl(stack.resources().downloadQueueUrl()).receiptHandle(m.receiptHandle()));
        }
        lastBatch = batch;
        return outcome;
    }

    List<QueueMessage> lastBatch = List.of();

    static QueueMessage toQueueMessage(Message m) {
        Map<String, String> attributes = new HashMap<>();
        m.messageAttributes().forEach((k, v) -> attributes.put(k, v.stringValue()));
        String count = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new QueueMessage(m.messageId(), m.receiptHandle(), m.body(), count == null ? 1 : Integer.parseInt(count),
                attributes);
    }

    /** Drains the persist queue (deleting what it reads). */
    List<PersistMessage> persisted() {
        return drain(stack.resources().persistQueueUrl()).stream().map(m -> codec.decodePersist(m.body())).toList();
    }

    List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> got = stack.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).messageAttributeNames("All")).messages();
            if (got.isEmpty()) return all;
            for (Message m : got) {
                all.add(m);
                stack.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    List<String> keys(String prefix) {
        return stack.s3().listObjectsV2Paginator(b -> b.bucket(stack.resources().bucket()).prefix(prefix))
                .contents().stream().map(S3Object::key).toList();
    }

    /**
     * What a failed or finished upload must never leave: a key that is not a complete document's
     * {@code pdf/YYYY/MM/DD/<id>.pdf}, or a multipart upload still open.
     */
    List<String> leftovers() {
        List<String> odd = new ArrayList<>(keys("").stream()
                .filter(k -> !k.matches(S3Keys.PDF_PREFIX + "\\d{4}/\\d{2}/\\d{2}/\\d{18}\\.pdf")).toList());
        stack.s3().listMultipartUploads(b -> b.bucket(stack.resources().bucket())).uploads()
                .forEach(u -> odd.add("open multipart upload of " + u.key()));
        return odd;
    }

    Map<String, String> metadata(String key) {
        return stack.s3().headObject(b -> b.bucket(stack.resources().bucket()).key(key)).metadata();
    }

    long pdfRequests(Disclosure d) {
        String file = d.disclosureId().value() + ".pdf";
        return fake.requests().stream().filter(r -> r.fileName().equals(file)).count();
    }
}
