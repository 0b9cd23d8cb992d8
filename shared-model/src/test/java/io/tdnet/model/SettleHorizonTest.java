package io.tdnet.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettleHorizonTest {
    @Test
    void theRetryPathIsTheScheduledVisibilityTimeoutsOfEveryDeliveryButTheLast() {
        // 1+2+4+8+16+32 + 5×60 minutes (deliveries 1–11 of 12)
        assertThat(SettleHorizon.retryPath(Duration.ofMinutes(1), Duration.ofMinutes(60), 12)).isEqualTo(Duration.ofMinutes(363));
        assertThat(SettleHorizon.retryPath(Duration.ofMinutes(1), Duration.ofMinutes(60), 1)).isZero();
    }

    @Test
    void productionHorizonAndDeadline() {
        SettleHorizon h = SettleHorizon.of(Duration.ofMinutes(363), Duration.ofMinutes(60), Duration.ofMinutes(30),
                Duration.ofMinutes(3), 10, Duration.ofMinutes(6));
        // the longest wait (the schedule's 60 min over the queue's 30) + one document + ten persist deliveries
        assertThat(h.afterLastSign()).isEqualTo(Duration.ofMinutes(60 + 3 + 60));
        assertThat(h.unsettledDeadline()).isEqualTo(Duration.ofMinutes(363 + 123 + 15));
    }

    @Test
    void aQueueVisibilityLongerThanTheScheduleCapIsTheLongestWait() {
        SettleHorizon h = SettleHorizon.of(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ZERO, 1,
                Duration.ofMinutes(1));
        assertThat(h.afterLastSign()).isEqualTo(Duration.ofMinutes(6));
    }
}
