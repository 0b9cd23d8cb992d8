package io.tdnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueRetentionTest {

    @Test
    void theDlqOutlivesItsSourceBySevenDays() {
        assertThat(QueueRetention.DLQ_RETENTION).isEqualTo(Duration.ofDays(14));
        assertThat(QueueRetention.DLQ_RETENTION.minus(QueueRetention.SOURCE_RETENTION)).isGreaterThanOrEqualTo(Duration.ofDays(7));
    }

    @Test
    void theHorizonCountsEveryWaitAndEveryDelivery() {
        // 12 deliveries of ≤ 5 min with 11 waits of ≤ 12 h between them
        assertThat(QueueRetention.retryHorizon(12, QueueRetention.SQS_MAX_VISIBILITY, Duration.ofMinutes(5)))
                .isEqualTo(Duration.ofHours(132).plusMinutes(60));
        assertThat(QueueRetention.retryHorizon(1, Duration.ofHours(1), Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> QueueRetention.retryHorizon(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueueRetention.retryHorizon(1, Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
