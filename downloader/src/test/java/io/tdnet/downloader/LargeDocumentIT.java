package io.tdnet.downloader;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.Disclosure;
import io.tdnet.model.PersistMessage;
import io.tdnet.model.Pacer;
import io.tdnet.model.S3Keys;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import io.tdnet.faketdnet.FakeTdnet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Size: run by its own failsafe execution in a JVM with {@code -Xmx256m} (see the module pom), so a
 * 600 MB document proves that heap use does not grow with the document.
 */
@ExtendWith(EmbeddedAwsExtension.class)
class LargeDocumentIT {
    private static final Logger log = LoggerFactory.getLogger(LargeDocumentIT.class);
    private static final long MiB = 1024 * 1024;

    private FakeTdnet fake;
    private Rig rig;
    private List<Disclosure> docs;

    @BeforeEach
    void setUp(EmbeddedAwsStack stack) {
        stack.reset();
        fake = FakeTdnet.start();
        rig = new Rig(stack, fake);
        docs = rig.disclosures(fake.addDay(Rig.DATE, 5, 7));
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void a600MbDocumentIsStoredIntactUnderA256MbHeap() {
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(256 * MiB);
        Disclosure d = docs.get(0);
        fake.setPdfSize(d.disclosureId(), 600_000_000L);
        resetHeapPeaks();
        rig.enqueue(d);
        long start = System.nanoTime();
        assertThat(rig.deliver(rig.worker(rig.config().withMaxPdfBytes(700_000_000L)), 5).retry()).isEmpty();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long peakHeap = heapPeak();

        PersistMessage stored = rig.persisted().get(0);
        assertThat(stored.isFailure()).isFalse();
        String expected = fake.pdfSha256(d.disclosureId());
        assertThat(stored.pdf().bytes()).isEqualTo(600_000_000L);
        assertThat(stored.pdf().sha256()).isEqualTo(expected);
        String key = S3Keys.pdfKey(d.disclosedDate(), d.disclosureId());
        assertThat(rig.metadata(key)).containsEntry(S3Keys.META_SHA256, expected);
        assertThat(rig.stack.s3().headObject(b -> b.bucket(rig.stack.resources().bucket()).key(key)).contentLength())
                .isEqualTo(600_000_000L);
        assertThat(rig.leftovers()).isEmpty();
        log.info("600 MB stored in {} ms with -Xmx{} MiB; heap peak (sum of pools) {} MiB", took.toMillis(),
                Runtime.getRuntime().maxMemory() / MiB, peakHeap / MiB);
        assertThat(took).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void an800MbDocumentOverTheCapIsRefusedFromItsContentLength() {
        Disclosure d = docs.get(1);
        fake.setPdfSize(d.disclosureId(), 800_000_000L);
        rig.enqueue(d);
        long start = System.nanoTime();
        assertThat(rig.deliver(rig.worker(rig.config().withMaxPdfBytes(700_000_000L)), 5).retry()).isEmpty();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        PersistMessage failed = rig.persisted().get(0);
        assertThat(failed.failureReason()).isEqualTo("body over 700000000 bytes (Content-Length 800000000)");
        assertThat(rig.keys("")).isEmpty();
        assertThat(rig.downloadedBytes).isEmpty();
        log.info("800 MB refused in {} ms", took.toMillis());
    }

    /**
     * The refusal happens before any body read: this server declares 800 MB and then sends nothing. A
     * client that read even one body byte would hit its 2 s read timeout and report a transient failure.
     */
    @Test
    void theRefusalReadsNoBodyByte() throws Exception {
        CountDownLatch clientGone = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread serving = new Thread(() -> serveHeadersOnly(server, clientGone), "headers-only");
            serving.setDaemon(true);
            serving.start();
            Disclosure d = docs.get(2);
            String base = "http://127.0.0.1:" + server.getLocalPort() + "/inbs/";
            Disclosure here = new Disclosure(d.disclosureId(), d.disclosedDate(), d.disclosedAt(), d.companyCode(),
                    d.companyName(), d.title(), d.previousTitle(), d.exchanges(), d.history(),
                    base + d.disclosureId().value() + ".pdf", null);
            DownloaderConfig config = rig.config().withMaxPdfBytes(700_000_000L);
            config = new DownloaderConfig(TdnetOrigin.of(base), config.maxPdfBytes(),
                    config.userAgent(), config.connectTimeout(), config.readTimeout(), config.partSizeBytes(),
                    config.retry());
            PdfDownloader downloader = new PdfDownloader(config, Pacer.unthrottled(), rig.stack.s3(),
                    rig.stack.resources().bucket(), rig.metrics(), Clock.systemUTC());

            long start = System.nanoTime();
            DownloadResult result = downloader.download(here);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result).isEqualTo(
                    new DownloadResult.PermanentFailure("body over 700000000 bytes (Content-Length 800000000)"));
            assertThat(took).isLessThan(config.readTimeout());
            // and the connection was dropped, not held open to drain the body
            assertThat(clientGone.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void serveHeadersOnly(ServerSocket server, CountDownLatch clientGone) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            byte[] head = new byte[8192];
            int n = 0;
            while (n < 4 || !new String(head, 0, n, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) return;
                n += r;
            }
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 800000000\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            if (in.read() < 0) clientGone.countDown(); // EOF: the client closed without waiting for the body
        } catch (IOException e) {
            clientGone.countDown(); // reset by the client: also gone
        }
    }

    private static void resetHeapPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
    }

    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }
}
