package io.tdnet.wiring.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class EndpointTimeTest {
    private final EndpointTime time = new EndpointTime();

    @Test
    void theTickBoundsTheOffsetToTheRoundTripsAroundIt() {
        // the server is 300 ms ahead; one probe just before its tick (still second 99), one just after
        time.record(new EndpointTime.Sample(99_699_000, 99_700_000, 99));
        time.record(new EndpointTime.Sample(99_700_000, 99_701_000, 100));
        EndpointTime.Offset offset = time.offset();
        assertThat(offset.lowMicros()).isEqualTo(100_000_000 - 99_701_000);
        assertThat(offset.highMicros()).isEqualTo(100_000_000 - 99_699_000);
        assertThat(offset.estimateMicros()).isEqualTo(300_000);
        assertThat(offset.errorMicros()).isEqualTo(1_000);
    }

    @Test
    void oneAnswerBoundsTheOffsetOnlyToAboutASecond() {
        time.record(new EndpointTime.Sample(5_000_000, 5_002_000, 5));
        assertThat(time.offset().errorMicros()).isGreaterThan(490_000);
    }

    @Test
    void anEndpointWithoutDateCannotBeMeasured() {
        assertThatThrownBy(time::offset).isInstanceOf(ClockSkewException.class).hasMessageContaining("without a Date header");
        assertThatThrownBy(() -> time.measure(() -> {}, Duration.ofMillis(5)))
                .isInstanceOf(ClockSkewException.class).hasMessageContaining("without a Date header");
    }

    @Test
    void measureFindsASkewedClockWithinTheAllowedError() throws Exception {
        long skew = -2_345_678; // this process is 2.3 s ahead of the endpoint
        EndpointTime.Offset offset = time.measure(() -> probe(skew, 300), Duration.ofMillis(5));
        assertThat(offset.errorMicros()).isLessThanOrEqualTo(5_000);
        assertThat(Math.abs(offset.estimateMicros() - skew)).isLessThanOrEqualTo(offset.errorMicros());
    }

    @Test
    void aRoundTripTooSlowToBoundTheOffsetIsRefused() {
        assertThatThrownBy(() -> time.measure(() -> probe(0, 20_000), Duration.ofMillis(5)))
                .isInstanceOf(ClockSkewException.class).hasMessageContaining("within ± 5 ms").hasMessageContaining("round trip");
    }

    @Test
    void onASynchronisedClockBoundsConsistentWithZeroAreZeroAndOthersAreRefused() throws Exception {
        assertThat(time.measure(() -> probe(0, 20_000), Duration.ofMillis(5), true)).isEqualTo(EndpointTime.Offset.ZERO);
        EndpointTime skewed = new EndpointTime();
        assertThatThrownBy(() -> skewed.measure(() -> probe(skewed, 200_000, 20_000), Duration.ofMillis(5), true))
                .isInstanceOf(ClockSkewException.class);
    }

    /** A request to an endpoint {@code skew} µs off this clock, answered in the middle of {@code roundTrip} µs. */
    private void probe(long skew, long roundTrip) {
        probe(time, skew, roundTrip);
    }

    private static void probe(EndpointTime time, long skew, long roundTrip) {
        long sent = micros();
        LockSupport.parkNanos(roundTrip * 500);
        long server = micros() + skew;
        LockSupport.parkNanos(roundTrip * 500);
        time.record(new EndpointTime.Sample(sent, micros(), Math.floorDiv(server, 1_000_000)));
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
