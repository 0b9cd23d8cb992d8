package io.tdnet.lister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.model.DisclosureId;
import io.tdnet.model.Pacer;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.Fault;
import io.tdnet.faketdnet.RecordedRequest;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP side of the read: the fake's per-document faults give every transport misbehaviour, so the
 * client is exercised on a document URL under the origin (what it does does not depend on the path).
 */
class TdnetPageClientIT {
    private static final LocalDate DAY = LocalDate.of(2026, 2, 13);

    private FakeTdnet fake;
    private DisclosureId id;
    private URI url;

    @BeforeEach
    void start() {
        fake = FakeTdnet.start();
        id = fake.addDay(DAY, 5, 1L).ids().get(0);
        url = fake.pdfUri(id);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private TdnetPageClient client(TdnetPageClient.Settings settings) {
        return new TdnetPageClient(TdnetOrigin.of(fake.baseUrl()), Pacer.unthrottled(), settings);
    }

    private static TdnetPageClient.Settings fast() {
        return TdnetPageClient.Settings.defaults().withRetries(3, Duration.ofMillis(5), Duration.ofMillis(50))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500))
                .withMaxRetryAfter(Duration.ofSeconds(3)).withMaxBodyBytes(512 * 1024);
    }

    private List<RecordedRequest> requests() {
        return fake.requests();
    }

    private byte[] found(PageResponse response) {
        assertThat(response).isInstanceOf(PageResponse.Found.class);
        return ((PageResponse.Found) response).body();
    }

    @Test
    void healthyPageIsFoundWithTheUserAgent() throws Exception {
        PageResponse r = client(fast().withUserAgent("ua-under-test/1")).fetch(DAY, 1);

        assertThat(new String(found(r), java.nio.charset.StandardCharsets.UTF_8)).contains("main-list-table");
        assertThat(r.url()).isEqualTo(fake.listPageUri(DAY, 1));
        assertThat(requests()).singleElement().satisfies(q -> assertThat(q.header("User-Agent")).isEqualTo("ua-under-test/1"));
    }

    @Test
    void notFoundIsAnAnswerNotAFailure() throws Exception {
        assertThat(client(fast()).fetch(DAY, 2)).isInstanceOf(PageResponse.NotFound.class);
        assertThat(requests()).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedThenGivenUp() {
        fake.fault(id, Fault.status(503));

        assertThatThrownBy(() -> client(fast()).get(url)).isInstanceOf(PageFetchException.class)
                .hasMessageContaining("http 503").hasMessageContaining("gave up after 3 attempts");
        assertThat(requests()).hasSize(3);
    }

    @Test
    void serverErrorOnceIsRetried() throws Exception {
        fake.fault(id, Fault.status(500, 1));

        assertThat(found(client(fast()).get(url))).isEqualTo(fake.pdfBytes(id));
        assertThat(requests()).hasSize(2);
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        fake.fault(id, Fault.status(403));

        assertThatThrownBy(() -> client(fast()).get(url)).isInstanceOf(PageFetchException.class)
                .hasMessageContaining("answered http 403");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        fake.fault(id, Fault.tooManyRequests(Duration.ofSeconds(1), 1));

        assertThat(found(client(fast()).get(url))).isEqualTo(fake.pdfBytes(id));
        List<RecordedRequest> rs = requests();
        assertThat(rs).hasSize(2);
        assertThat(rs.get(1).nanoTime() - rs.get(0).nanoTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void retryAfterLongerThanWeWaitFailsAtOnce() {
        fake.fault(id, Fault.tooManyRequests(Duration.ofSeconds(600)));

        assertThatThrownBy(() -> client(fast()).get(url)).isInstanceOf(PageFetchException.class)
                .hasMessageContaining("http 429").hasMessageContaining("Retry-After 600 s");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void redirectIsAFailureAndIsNotFollowed() throws Exception {
        try (FakeTdnet other = FakeTdnet.start(InetAddress.getByName("127.0.0.2"))) {
            other.addDay(DAY, 5, 1L);
            fake.fault(id, Fault.redirect(other.listPageUri(DAY, 1)));

            assertThatThrownBy(() -> client(fast()).get(url)).isInstanceOf(PageFetchException.class)
                    .hasMessageContaining("http 302").hasMessageContaining("refused");
            assertThat(other.requests()).isEmpty();
            assertThat(requests()).hasSize(1);
        }
    }

    @Test
    void urlOutsideTheOriginIsNeverRequested() {
        URI elsewhere = URI.create("http://127.0.0.2:" + fake.port() + "/inbs/I_list_001_20260213.html");

        assertThatThrownBy(() -> client(fast()).get(elsewhere)).isInstanceOf(PageFetchException.class)
                .hasMessageContaining("not under the TDnet origin");
        assertThat(requests()).isEmpty();
    }

    @Test
    void declaredOversizedBodyIsRefused() {
        fake.fault(id, Fault.oversized(2_000_000, true));

        assertThatThrownBy(() -> client(fast()).get(url)).isInstanceOf(PageFetchException.class)
                .hasMessageContaining("declares a body of 2000000 bytes, over the cap of 524288");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void undeclaredOversizedBodyIsCutOff() {
        fake.fault(id, Fault.oversized(2_000_000, false));

        assertThatThrownBy(() -> client(fast()).get(url)).isInstanceOf(PageFetchException.class)
                .hasMessageContaining("body exceeds the cap of 524288 bytes");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void resetMidBodyIsRetried() throws Exception {
        fake.fault(id, Fault.resetMidBody(1));

        assertThat(found(client(fast()).get(url))).isEqualTo(fake.pdfBytes(id));
        assertThat(requests()).hasSize(2);
    }

    @Test
    void truncatedBodyIsRetried() throws Exception {
        fake.fault(id, Fault.truncated(1));

        assertThat(found(client(fast()).get(url))).isEqualTo(fake.pdfBytes(id));
        assertThat(requests()).hasSize(2);
    }

    @Test
    void chunkedBodyIsRead() throws Exception {
        fake.fault(id, Fault.chunked());

        assertThat(found(client(fast()).get(url))).isEqualTo(fake.pdfBytes(id));
    }

    @Test
    void stallBeyondTheReadTimeoutIsRetried() throws Exception {
        fake.fault(id, Fault.stall(Duration.ofSeconds(2), 1));

        long start = System.nanoTime();
        assertThat(found(client(fast()).get(url))).isEqualTo(fake.pdfBytes(id));
        assertThat(requests()).hasSize(2);
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofMillis(1900).toNanos());
    }

    @Test
    void interruptStopsTheRetries() throws Exception {
        fake.fault(id, Fault.status(503));
        TdnetPageClient slow = client(fast().withRetries(10, Duration.ofSeconds(5), Duration.ofSeconds(10)));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> slow.get(url)).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
