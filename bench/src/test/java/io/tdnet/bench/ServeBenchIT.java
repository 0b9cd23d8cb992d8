package io.tdnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The serve bench's child JVM (the default collector, as {@code tdnet serve} runs) and its one-line result. */
class ServeBenchIT {
    @Test
    void theChildJvmCollectsTheDayServesItAndHandsItsFiguresBack() throws Exception {
        ServeBench.Result result = new ServeBench(40, 20260213L, 10).runInChildJvm();

        assertThat(result.stored()).isPositive().isLessThanOrEqualTo(40);
        assertThat(result.firstPage().requests()).isEqualTo(10);
        assertThat(result.firstPage().p50()).isPositive().isLessThanOrEqualTo(result.firstPage().p99());
        assertThat(result.wholeDayRequests()).isEqualTo(1);
        assertThat(result.searchExamined()).isEqualTo((int) result.stored());
        assertThat(result.meanItemBytes()).isPositive();
    }
}
