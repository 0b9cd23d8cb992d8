package io.tdnet.faketdnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.model.DisclosureId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each document fault behaves as documented, then the document heals. */
class FakeTdnetFaultsIT {
    private static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private FakeTdnet fake;
    private DisclosureId id;

    @BeforeEach
    void start() {
        fake = FakeTdnet.start();
        id = fake.addDay(DAY, 20, 5).ids().get(0);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<byte[]> get() throws Exception {
        return http.send(HttpRequest.newBuilder(fake.pdfUri(id)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void assertHealthy() throws Exception {
        HttpResponse<byte[]> r = get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(fake.pdfBytes(id));
    }

    @Test
    void statusOnceThenHealthy() throws Exception {
        fake.fault(id, Fault.status(503, 1));
        HttpResponse<byte[]> r = get();
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html");
        assertHealthy();
    }

    @Test
    void permanentStatusesStay() throws Exception {
        fake.fault(id, Fault.status(404));
        for (int i = 0; i < 3; i++) assertThat(get().statusCode()).isEqualTo(404);
        fake.fault(id, Fault.status(410, 2));
        assertThat(get().statusCode()).isEqualTo(410);
        assertThat(get().statusCode()).isEqualTo(410);
        assertHealthy();
        fake.fault(id, Fault.status(500));
        assertThat(get().statusCode()).isEqualTo(500);
        fake.healAll();
        assertHealthy();
        assertThat(fake.requests()).hasSize(8);
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInSeconds() throws Exception {
        fake.fault(id, Fault.tooManyRequests(Duration.ofMillis(2_500), 2));
        HttpResponse<byte[]> r = get();
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(get().statusCode()).isEqualTo(429);
        assertHealthy();
    }

    @Test
    void resetMidBodyDeclaresTheLengthSendsPartThenAborts() throws Exception {
        fake.fault(id, Fault.resetMidBody(1));
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(fake.pdfUri(id)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(fake.pdfLength(id));
        try (InputStream in = r.body()) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
        }
        assertHealthy();
    }

    @Test
    void truncatedDeclaresMoreThanItSends() throws Exception {
        fake.fault(id, Fault.truncated(1));
        assertThatThrownBy(this::get).isInstanceOf(IOException.class);
        assertThat(fake.requests()).hasSize(1);
        assertHealthy();
    }

    @Test
    void stallHoldsTheHeadersWithoutBlockingOtherRequests() throws Exception {
        fake.fault(id, Fault.stall(Duration.ofSeconds(3), 1));
        DisclosureId other = fake.day(DAY).ids().get(1);
        CompletableFuture<HttpResponse<byte[]>> stalled = http.sendAsync(
                HttpRequest.newBuilder(fake.pdfUri(id)).timeout(Duration.ofMillis(800)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        long t0 = System.nanoTime();
        HttpResponse<byte[]> meanwhile = http.send(HttpRequest.newBuilder(fake.pdfUri(other)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(meanwhile.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThatThrownBy(stalled::join).hasCauseInstanceOf(HttpTimeoutException.class);
        assertHealthy();
    }

    @Test
    void html200AnswersAnHtmlPageForever() throws Exception {
        fake.fault(id, Fault.html200());
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> r = get();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html");
            assertThat(new String(r.body(), 0, 9)).isEqualTo("<!DOCTYPE");
        }
    }

    @Test
    void oversizedWithAndWithoutLength() throws Exception {
        long size = 5L * 1024 * 1024;
        fake.fault(id, Fault.oversized(size, true));
        HttpResponse<byte[]> declared = get();
        assertThat(declared.headers().firstValueAsLong("Content-Length")).hasValue(size);
        assertThat(declared.body()).hasSize((int) size);
        assertThat(new String(declared.body(), 0, 5)).isEqualTo("%PDF-");

        fake.fault(id, Fault.oversized(size, false));
        HttpResponse<byte[]> chunked = get();
        assertThat(chunked.headers().firstValue("Content-Length")).isEmpty();
        assertThat(chunked.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(chunked.body()).hasSize((int) size);
    }

    @Test
    void redirectPointsElsewhere() throws Exception {
        URI elsewhere = URI.create("http://127.0.0.2:9/inbs/" + id + ".pdf");
        fake.fault(id, Fault.redirect(elsewhere));
        HttpResponse<byte[]> r = get();
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue(elsewhere.toString());
    }

    @Test
    void chunkedIsTheHealthyBodyWithoutLength() throws Exception {
        fake.fault(id, Fault.chunked());
        HttpResponse<byte[]> r = get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Length")).isEmpty();
        assertThat(r.body()).isEqualTo(fake.pdfBytes(id));
    }

    @Test
    void faultsNeedAKnownDocument() {
        assertThatThrownBy(() -> fake.fault(DisclosureId.of("140120260213999999"), Fault.html200()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.status(503, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
