package io.tdnet.downloader;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.BatchOutcome;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DownloadMessage;
import io.tdnet.model.PersistMessage;
import io.tdnet.model.QueueMessage;
import io.tdnet.model.RequestPacer;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate as TDnet sees it: several worker threads (two workers × two threads at R = 2, × eight at R = 20) share one pacer;
 * the fake's request log must never show more than R requests in any 1-second window, while the
 * backlog keeps the pace at ≥ 90% of R.
 */
@ExtendWith(EmbeddedAwsExtension.class)
class PacerIT {
    private static final Logger log = LoggerFactory.getLogger(PacerIT.class);
    private static final long SECOND = 1_000_000_000L;

    private FakeTdnet fake;
    private Rig rig;

    @BeforeEach
    void setUp(EmbeddedAwsStack stack) {
        stack.reset();
        fake = FakeTdnet.start();
        rig = new Rig(stack, fake);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @ParameterizedTest(name = "R = {0}")
    @ValueSource(ints = {2, 20})
    void sharedPacerKeepsEveryOneSecondWindowAtOrUnderTheRate(int rate) throws Exception {
        int documents = rate * 6 + 1; // about six seconds of backlog
        List<Disclosure> docs = rig.disclosures(fake.addDay(Rig.DATE, documents + 20, rate)).subList(0, documents);
        RequestPacer pacer = RequestPacer.perSecond(rate);
        int threads = rate <= 2 ? 2 : 8; // enough for a backlog: one document takes ~50–300 ms here
        DownloaderConfig config = rig.config();
        List<DownloadWorker> workers = List.of(rig.worker(config, pacer, threads), rig.worker(config, pacer, threads));

        List<List<QueueMessage>> batches = new ArrayList<>();
        for (int i = 0; i < documents; i += 5) {
            List<QueueMessage> batch = new ArrayList<>();
            for (Disclosure d : docs.subList(i, Math.min(documents, i + 5))) {
                String body = rig.codec.encode(DownloadMessage.of("exec-pace", d));
                batch.add(new QueueMessage("m-" + d.disclosureId(), "unused", body, 1, Map.of()));
            }
            batches.add(batch);
        }
        ExecutorService drivers = Executors.newFixedThreadPool(2);
        try {
            List<Future<BatchOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                DownloadWorker worker = workers.get(i % 2);
                List<QueueMessage> batch = batches.get(i);
                outcomes.add(drivers.submit(() -> worker.handle(batch)));
            }
            for (Future<BatchOutcome> outcome : outcomes) assertThat(outcome.get().retry()).isEmpty();
        } finally {
            drivers.shutdownNow();
            workers.forEach(DownloadWorker::close);
        }

        List<PersistMessage> persisted = rig.persisted();
        assertThat(persisted).hasSize(documents).allMatch(p -> !p.isFailure());

        long[] times = fake.requests().stream().filter(RecordedRequest::isPdf).mapToLong(RecordedRequest::nanoTime)
                .sorted().toArray();
        // an in-process retry (e.g. an S3 hiccup) adds a request; it is paced like any other
        assertThat(times.length).isGreaterThanOrEqualTo(documents);
        int maxInWindow = 0;
        for (int i = 0, j = 0; i < times.length; i++) {
            while (times[i] - times[j] >= SECOND) j++;
            maxInWindow = Math.max(maxInWindow, i - j + 1);
        }
        double seconds = (times[times.length - 1] - times[0]) / 1e9;
        double utilisation = (times.length - 1) / seconds / rate;
        StringBuilder gaps = new StringBuilder();
        for (int i = 1; i < times.length; i++) gaps.append((times[i] - times[i - 1]) / 1_000_000).append(' ');
        log.info("R = {}: gaps between requests as received (ms): {}", rate, gaps);
        log.info("R = {}: {} requests in {} s, max {} in any 1-s window, utilisation {}%", rate, times.length,
                String.format("%.3f", seconds), maxInWindow, String.format("%.1f", utilisation * 100));
        assertThat(maxInWindow).isLessThanOrEqualTo(rate);
        // utilisation is logged, not asserted: it is a speed figure (tdnet bench prints it), and a shared,
        // loaded machine makes any bound on it a flaky test
    }
}
