package io.tdnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlotSpacingTest {
    @Test
    void rPlusOneSendsNeverFitInOneSecondAndUtilisationMeetsTheGoals() {
        for (double r : new double[] {0.5, 1, 2, 5, 50, 100}) {
            SlotSpacing s = SlotSpacing.of(Rate.perSecond(r));
            // the worst case: the first of R + 1 sends is tolerance late, clocks 2·skew apart
            long worstSpanNanos = Math.round(Math.ceil(r)) * s.spacing().toNanos() - s.budget().toNanos();
            assertThat(worstSpanNanos).as("R = %s", r).isGreaterThanOrEqualTo(1_000_000_000L);
            assertThat(s.utilisation()).as("R = %s", r).isGreaterThanOrEqualTo(r <= 5 ? 0.98 : 0.95);
        }
    }

    @Test
    void sendersOnOneClockBudgetTheToleranceAndTheArrivalJitterAndStillNeverFitRPlusOneInOneSecond() {
        for (double r : new double[] {1, 2, 5, 50, 100}) {
            SlotSpacing s = SlotSpacing.sameClock(Rate.perSecond(r));
            assertThat(s.skew()).isEqualTo(SlotSpacing.ARRIVAL_JITTER);
            assertThat(s.budget()).isEqualTo(Duration.ofMillis(15));
            // the first of R + 1 sends tolerance late, and the arrivals compressed by the jitter at both ends
            long worstSpanNanos = Math.round(Math.ceil(r)) * s.spacing().toNanos() - s.tolerance().toNanos()
                    - 2 * SlotSpacing.ARRIVAL_JITTER.toNanos();
            assertThat(worstSpanNanos).as("R = %s", r).isGreaterThanOrEqualTo(1_000_000_000L);
            assertThat(s.utilisation()).as("R = %s", r).isGreaterThan(SlotSpacing.of(Rate.perSecond(r)).utilisation())
                    .isGreaterThanOrEqualTo(0.985);
            // a span of R + 1 sends may compress by 10 ms on the way to the server and still hold
            assertThat(worstSpanNanos + 2 * SlotSpacing.ARRIVAL_JITTER.toNanos() - 10_000_000L).isGreaterThanOrEqualTo(1_000_000_000L);
        }
    }

    @Test
    void aSpacingThatLetsRPlusOneIntoASecondIsRefused() {
        assertThatThrownBy(() -> new SlotSpacing(Rate.perSecond(2), Duration.ofMillis(505), Duration.ofMillis(10), Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("R + 1");
    }

    @Test
    void anUnthrottledRateHasNoSlots() {
        assertThatThrownBy(() -> SlotSpacing.of(Rate.UNTHROTTLED)).isInstanceOf(IllegalArgumentException.class);
    }
}
