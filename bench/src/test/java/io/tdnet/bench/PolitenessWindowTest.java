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
}
