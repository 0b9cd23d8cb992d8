package io.tdnet.tdnetclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.Fault;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.Pacer;
import io.tdnet.model.TdnetOrigin;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The component against the fake TDnet: pacing order, push-back, classification, origin, headers. */
class TdnetClientIT {
    private static final Instant NOW = Instant.parse("2026-02-13T06:00:00Z");
    private static final RetryPlan FAST = new RetryPlan(3, Duration.ofMillis(5), Duration.ofMillis(20), 0.25,
            Duration.ofSeconds(2));

    private FakeTdnet fake;
    private DisclosureId id;
    private URI url;
    private RecordingPacer pacer;

    /** Records, at each permit, how many requests the server had seen; and every push-back. */
    private final class RecordingPacer implements Pacer {
        final List<Integer> requestsSeenAtPermit = new CopyOnWriteArrayList<>();
        final List<Instant> pushBacks = new CopyOnWriteArrayList<>();

        @Override
        public Duration acquire() {
            requestsSeenAtPermit.add(fake.requests().size());
            return Duration.ZERO;
        }

        @Override
        public void pushBack(Instant until) {
            pushBacks.add(until);
        }
    }

    @BeforeEach
    void start() {
        fake = FakeTdnet.start();
        id = fake.addDay(LocalDate.of(2026, 2, 13), 5, 1L).ids().get(0);
        url = fake.pdfUri(id);
        pacer = new RecordingPacer();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private TdnetClient client() {
        return new TdnetClient(TdnetOrigin.of(fake.baseUrl()), pacer,
                new HttpSettings("ua-under-test/1", Duration.ofSeconds(2), Duration.ofMillis(500), FAST),
                Clock.fixed(NOW, ZoneOffset.UTC), TdnetClient.Observer.NONE);
    }

    private static byte[] readAll(TdnetClient.Response r) throws IOException {
        return r.body().readAllBytes();
    }

    @Test
    void sendsTheUserAgentAndReadsTheBody() throws Exception {
        assertThat(client().get(url, "application/pdf", TdnetClientIT::readAll)).isEqualTo(fake.pdfBytes(id));
        assertThat(fake.requests()).singleElement().satisfies(q -> {
            assertThat(q.header("User-Agent")).isEqualTo("ua-under-test/1");
            assertThat(q.header("Accept")).isEqualTo("application/pdf");
        });
    }

    @Test
    void creatingAClientWarmsItsRequestPathWithoutAPermitOrARequestToTdnet() {
        long started = System.nanoTime();
        client();
        // the warm-up's request went to a throwaway server of its own on loopback
        assertThat(fake.requests()).isEmpty();
        assertThat(pacer.requestsSeenAtPermit).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void everyAttemptTakesAPermitBeforeItReachesTheServer() throws Exception {
        fake.fault(id, Fault.status(503, 2));
        assertThat(client().get(url, "application/pdf", TdnetClientIT::readAll)).isEqualTo(fake.pdfBytes(id));
        // permit k is taken when the server has seen exactly k − 1 requests: permit first, then connect
        assertThat(pacer.requestsSeenAtPermit).containsExactly(0, 1, 2);
        assertThat(fake.requests()).hasSize(3);
    }

    /** A pacer whose slots record what the client did with them; the first {@code missed} slots are missed. */
    private static final class SlotRecordingPacer implements Pacer {
        final List<String> events = new CopyOnWriteArrayList<>();
        int missed;

        SlotRecordingPacer(int missed) {
            this.missed = missed;
        }

        @Override
        public Duration acquire() {
            return Duration.ZERO;
        }

        @Override
        public Slot reserve(Duration connectLead) {
            boolean miss = missed-- > 0;
            return new Slot() {
                @Override
                public boolean send() {
                    events.add(miss ? "missed" : "send");
                    return !miss;
                }

                @Override
                public Duration waited() {
                    return Duration.ZERO;
                }

                @Override
                public void written() {
                    events.add("written");
                }
            };
        }

        @Override
        public void pushBack(Instant until) {}
    }

    private TdnetClient client(Pacer pacer) {
        return new TdnetClient(TdnetOrigin.of(fake.baseUrl()), pacer,
                new HttpSettings("ua-under-test/1", Duration.ofSeconds(2), Duration.ofMillis(500), FAST),
                Clock.fixed(NOW, ZoneOffset.UTC), TdnetClient.Observer.NONE);
    }

    @Test
    void everyAttemptTellsItsSlotWhenItsRequestWasWritten() throws Exception {
        SlotRecordingPacer slots = new SlotRecordingPacer(0);
        fake.fault(id, Fault.status(503, 2));
        assertThat(client(slots).get(url, "application/pdf", TdnetClientIT::readAll)).isEqualTo(fake.pdfBytes(id));
        assertThat(slots.events).containsExactly("send", "written", "send", "written", "send", "written");
    }

    @Test
    void aMissedSlotDropsItsConnectionUnwrittenAndTheRequestGoesInTheNextSlot() throws Exception {
        SlotRecordingPacer slots = new SlotRecordingPacer(2);
        assertThat(client(slots).get(url, "application/pdf", TdnetClientIT::readAll)).isEqualTo(fake.pdfBytes(id));
        assertThat(slots.events).containsExactly("missed", "missed", "send", "written");
        // the two connections opened for the missed slots carried no request
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void aRetryAfterIsReadOnTheInjectedClockAndHandedToThePacer() throws Exception {
        fake.fault(id, Fault.tooManyRequests(Duration.ofSeconds(1), 1));
        assertThat(client().get(url, "application/pdf", TdnetClientIT::readAll)).isEqualTo(fake.pdfBytes(id));
        assertThat(pacer.pushBacks).containsExactly(NOW.plusSeconds(1));
    }

    @Test
    void aRetryAfterOverTheCapEndsTheRequestAndHoldsThePacerOnlyForTheCap() {
        fake.fault(id, Fault.tooManyRequests(Duration.ofSeconds(600)));
        assertThatThrownBy(() -> client().get(url, "application/pdf", TdnetClientIT::readAll))
                .isInstanceOfSatisfying(TdnetFailure.class, f -> {
                    assertThat(f.isTransient()).isTrue();
                    assertThat(f.status()).isEqualTo(429);
                    assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(600));
                    assertThat(f).hasMessage("http 429 (Retry-After 600 s)");
                });
        assertThat(fake.requests()).hasSize(1);
        assertThat(pacer.pushBacks).containsExactly(NOW.plus(FAST.retryAfterCap()));
    }

    @Test
    void transientFailuresAreRetriedUpToThePlanThenThrown() {
        fake.fault(id, Fault.status(503));
        assertThatThrownBy(() -> client().get(url, "application/pdf", TdnetClientIT::readAll))
                .isInstanceOfSatisfying(TdnetFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(TdnetFailure.Kind.TRANSIENT);
                    assertThat(f).hasMessage("http 503");
                });
        assertThat(fake.requests()).hasSize(FAST.attempts());
    }

    @Test
    void notFoundIsPermanentAndNotRetried() {
        fake.fault(id, Fault.status(404));
        assertThatThrownBy(() -> client().get(url, "application/pdf", TdnetClientIT::readAll))
                .isInstanceOfSatisfying(TdnetFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(TdnetFailure.Kind.PERMANENT);
                    assertThat(f.status()).isEqualTo(404);
                });
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void aRedirectIsRefusedAndNotFollowed() {
        URI elsewhere = URI.create("http://127.0.0.1:1/elsewhere.pdf");
        fake.fault(id, Fault.redirect(elsewhere));
        assertThatThrownBy(() -> client().get(url, "application/pdf", TdnetClientIT::readAll))
                .isInstanceOf(TdnetFailure.class).hasMessage("redirect to " + elsewhere + " refused (http 302)");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void aUrlOutsideTheOriginIsNeitherPacedNorRequested() {
        URI outside = URI.create("http://127.0.0.1:" + fake.port() + "/other/" + id.value() + ".pdf");
        assertThatThrownBy(() -> client().get(outside, "application/pdf", TdnetClientIT::readAll))
                .isInstanceOfSatisfying(TdnetFailure.class, f -> assertThat(f.isTransient()).isFalse())
                .hasMessageContaining("not under the TDnet origin");
        assertThat(pacer.requestsSeenAtPermit).isEmpty();
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void aStallBeyondTheReadTimeoutIsTransientAndRetried() throws Exception {
        fake.fault(id, Fault.stall(Duration.ofSeconds(2), 1));
        assertThat(client().get(url, "application/pdf", TdnetClientIT::readAll)).isEqualTo(fake.pdfBytes(id));
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void theReadersPermanentFailureIsNotRetried() {
        assertThatThrownBy(() -> client().get(url, "application/pdf", r -> {
            throw TdnetFailure.permanent("not what we wanted", 200);
        })).isInstanceOf(TdnetFailure.class).hasMessage("not what we wanted");
        assertThat(fake.requests()).hasSize(1);
    }
}
