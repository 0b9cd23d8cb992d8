package io.tdnet.tdnetclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPlanTest {
    private final RetryPlan plan = new RetryPlan(3, Duration.ofSeconds(1), Duration.ofSeconds(8), 0.25, Duration.ofSeconds(30));

    @Test
    void waitsDoubleFromTheBaseShortenedByTheJitterOnly() {
        assertThat(plan.delay(1, null, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(plan.delay(2, null, 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.delay(2, null, 0.5)).isEqualTo(Duration.ofMillis(1750));
        assertThat(plan.delay(9, null, 0.0)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aLongerRetryAfterWinsAndOnlyRetryAftersUpToTheCapAreWaited() {
        assertThat(plan.delay(1, Duration.ofSeconds(3), 0.3)).isEqualTo(Duration.ofSeconds(3));
        assertThat(plan.waitsInProcess(Duration.ofSeconds(30))).isTrue();
        assertThat(plan.waitsInProcess(Duration.ofSeconds(31))).isFalse();
    }

    @Test
    void theWorstCaseWaitsAreEachTheCapOrTheBackoff() {
        assertThat(plan.worstCaseWaits()).isEqualTo(Duration.ofSeconds(60));
        assertThat(new RetryPlan(1, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO).worstCaseWaits()).isZero();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetryPlan(0, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPlan(1, Duration.ZERO, Duration.ZERO, 1.5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
