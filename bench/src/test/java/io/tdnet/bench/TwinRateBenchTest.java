package io.tdnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.faketdnet.RecordedRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The arithmetic of the politeness line through the twin: who sent what, and the span where both sent. */
class TwinRateBenchTest {
    private static final long MS = 1_000_000L;

    @Test
    void theOverlapRunsFromTheLaterFirstToTheEarlierLastArrival() {
        List<Long> pipeline = List.of(0L, 500 * MS, 1500 * MS, 4000 * MS);
        List<Long> collect = List.of(1000 * MS, 2000 * MS, 5000 * MS);
        TwinRateBench.Overlap overlap = TwinRateBench.Overlap.of(pipeline, collect);
        assertThat(overlap).isEqualTo(new TwinRateBench.Overlap(1000 * MS, 4000 * MS));
        assertThat(overlap.seconds()).isEqualTo(3.0);
        List<Long> all = List.of(0L, 500 * MS, 1000 * MS, 1500 * MS, 2000 * MS, 4000 * MS, 5000 * MS);
        assertThat(overlap.within(all)).containsExactly(1000 * MS, 1500 * MS, 2000 * MS, 4000 * MS);
        // 4 arrivals over 3 s at R = 2: (4 − 1) / (2 × 3)
        assertThat(PolitenessBench.utilisation(overlap.within(all), 2)).isCloseTo(0.5, Offset.offset(1e-9));
    }

    @Test
    void sendersThatNeverRanTogetherHaveNoOverlap() {
        TwinRateBench.Overlap apart = TwinRateBench.Overlap.of(List.of(0L, 1000 * MS), List.of(2000 * MS, 3000 * MS));
        assertThat(apart.seconds()).isZero();
        assertThat(apart.within(List.of(0L, 1000 * MS, 2000 * MS))).isEmpty();
        assertThat(TwinRateBench.Overlap.of(List.of(), List.of(0L)).seconds()).isZero();
    }

    @Test
    void eachSendTakesTheEarliestUnmatchedArrivalSoonAfterIt() {
        // arrivals (µs): a collect request 2 ms after its send, a Lambda's at 500 ms, collect's second send arrived
        // 1 ms "before" its instant (clock resolution), a Lambda's at 1,400 ms; a third send never arrived
        List<Long> arrivals = List.of(2_000L, 500_000L, 999_500L, 1_400_000L);
        List<Long> sends = List.of(0L, 1_000_000L, 3_000_000L);
        assertThat(TwinRateBench.matchSends(arrivals, sends, 250_000)).containsExactly(true, false, true, false);
        // a send whose request arrives later than the window matches nothing
        assertThat(TwinRateBench.matchSends(List.of(300_000L), List.of(0L), 250_000)).containsExactly(false);
        // two sends close together take two arrivals, not the same one twice
        assertThat(TwinRateBench.matchSends(List.of(10_000L, 20_000L), List.of(0L, 5_000L), 250_000)).containsExactly(true, true);
    }

    @Test
    void theDensestWindowStartsWhereTheMostArrivalsFitInOneSecond() {
        List<Long> times = List.of(0L, 900 * MS, 1400 * MS, 1500 * MS, 1800 * MS, 3000 * MS);
        assertThat(TwinRateBench.densestWindowStart(times, 1000 * MS)).isEqualTo(1);
        assertThat(PolitenessBench.maxInWindow(times, 1000 * MS)).isEqualTo(4);
        assertThat(TwinRateBench.densestWindowStart(List.of(), 1000 * MS)).isZero();
    }

    private static RecordedRequest request(String path) {
        return new RecordedRequest(0, Instant.EPOCH, "GET", path, Map.of(), "127.0.0.1:1");
    }
}
