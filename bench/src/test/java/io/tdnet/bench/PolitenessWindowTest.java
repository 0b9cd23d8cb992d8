package io.tdnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The politeness figures the bench and the chaos suite judge TDnet's request log by. */
class PolitenessWindowTest {
    private static final long MS = 1_000_000L;

    @Test
    void countsTheMostRequestsInAnyHalfOpenSecond() {
        List<Long> times = List.of(0L, 200 * MS, 400 * MS, 600 * MS, 800 * MS, 1000 * MS, 1250 * MS);
        assertThat(PolitenessBench.maxInWindow(times, 1000 * MS)).isEqualTo(5);
        assertThat(PolitenessBench.maxInWindow(List.of(0L, 10 * MS, 999 * MS), 1000 * MS)).isEqualTo(3);
        assertThat(PolitenessBench.maxInWindow(List.of(), 1000 * MS)).isZero();
    }

    @Test
    void shortestSpanAndUtilisation() {
        List<Long> times = List.of(0L, 200 * MS, 400 * MS, 600 * MS, 800 * MS, 990 * MS);
        assertThat(PolitenessBench.shortestSpan(times, 6)).isEqualTo(990 * MS);
        // 6 requests over 0.99 s at R = 5: (6 − 1) / (5 × 0.99)
        assertThat(PolitenessBench.utilisation(times, 5)).isCloseTo(5 / (5 * 0.99), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theFirstDocumentLagRunsFromTheLastListPageToTheFirstPdf() {
        List<io.tdnet.faketdnet.RecordedRequest> requests = List.of(request(0, "/inbs/I_list_001_20260213.html"),
                request(400 * MS, "/inbs/I_list_002_20260213.html"), request(650 * MS, "/inbs/140120260213000001.pdf"),
                request(900 * MS, "/inbs/140120260213000002.pdf"));
        assertThat(PolitenessBench.firstDocumentLagMillis(requests)).isEqualTo(250.0);
        assertThat(PolitenessBench.firstDocumentLagMillis(requests.subList(0, 2))).isNaN();
    }

    private static io.tdnet.faketdnet.RecordedRequest request(long nanos, String path) {
        return new io.tdnet.faketdnet.RecordedRequest(nanos, java.time.Instant.EPOCH, "GET", path, java.util.Map.of(), "127.0.0.1:1");
    }
}
