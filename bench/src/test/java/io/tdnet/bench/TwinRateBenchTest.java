package io.tdnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.RecordedRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
    void requestsAreTheCollectDaysByListPageDateAndDocumentId() {
        LocalDate other = LocalDate.of(2026, 2, 16);
        try (FakeTdnet fake = FakeTdnet.start()) {
            FakeDay pipelineDay = fake.addDay(TwinRateBench.PIPELINE_DAY, 3, 1);
            FakeDay collectDay = fake.addDay(other, 3, 2);
            Predicate<RecordedRequest> ofCollect = TwinRateBench.isFor(collectDay);
            assertThat(ofCollect).accepts(request("/inbs/I_list_001_20260216.html"),
                    request("/inbs/" + collectDay.ids().get(2).value() + ".pdf"));
            assertThat(ofCollect).rejects(request("/inbs/I_list_001_20260213.html"),
                    request("/inbs/" + pipelineDay.ids().get(0).value() + ".pdf"), request("/inbs/other.html"));
        }
    }

    private static RecordedRequest request(String path) {
        return new RecordedRequest(0, Instant.EPOCH, "GET", path, Map.of(), "127.0.0.1:1");
    }
}
