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
            long worstSpanNanos = SlotSpacing.perWindow(Rate.perSecond(r)) * s.spacing().toNanos() - s.budget().toNanos();
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
    void aRateBetweenWholeNumbersLetsAWindowHoldTheWholeNumberBelowIt() {
        // 2.5 per second: a window may hold 2 requests, so 3 consecutive sends must span more than 1 s
        SlotSpacing s = SlotSpacing.of(Rate.perSecond(2.5));
        assertThat(SlotSpacing.perWindow(Rate.perSecond(2.5))).isEqualTo(2);
        assertThat(2 * s.spacing().toNanos() - s.budget().toNanos()).isGreaterThanOrEqualTo(1_000_000_000L);
        assertThat(s.spacing()).isEqualTo(SlotSpacing.of(Rate.perSecond(2)).spacing());
        // below one, a request is alone in its window and the next comes 1/R (and the budget) later
        assertThat(SlotSpacing.of(Rate.perSecond(0.5)).spacing()).isEqualTo(Duration.ofMillis(2_040));
        assertThatThrownBy(() -> new SlotSpacing(Rate.perSecond(2.5), Duration.ofMillis(408), Duration.ofMillis(10), Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class);
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
