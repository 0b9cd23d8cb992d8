package io.tdnet.downloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.model.Names;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private final RetrySchedule schedule = RetrySchedule.defaults();

    @Test
    void visibilityDoublesPerDeliveryFromOneMinuteAndStopsAtAnHour() {
        assertThat(IntStream.rangeClosed(1, 12).mapToObj(n -> schedule.visibilityTimeout(n, null).toMinutes()))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L, 60L, 60L, 60L);
    }

    @Test
    void aReceiveCountOfZeroOrLessIsTreatedAsTheFirstDelivery() {
        assertThat(schedule.visibilityTimeout(0, null)).isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.visibilityTimeout(-3, null)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void hugeReceiveCountsStayAtTheCap() {
        assertThat(schedule.visibilityTimeout(Integer.MAX_VALUE, null)).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void aLongerRetryAfterBecomesTheVisibilityTimeoutButNeverOverSqsTwelveHours() {
        assertThat(schedule.visibilityTimeout(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.visibilityTimeout(7, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(60));
        assertThat(schedule.visibilityTimeout(1, Duration.ofDays(3))).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void theTwelfthDeliveryIsTheLast() {
        assertThat(schedule.maxReceiveCount()).isEqualTo(Names.DOWNLOAD_MAX_RECEIVE_COUNT);
        assertThat(schedule.isLastDelivery(11)).isFalse();
        assertThat(schedule.isLastDelivery(12)).isTrue();
        assertThat(schedule.isLastDelivery(13)).isTrue();
    }

    @Test
    void theLongestOutageSurvivedIsSixHoursThreeMinutes() {
        // 1+2+4+8+16+32 + 5×60 minutes between the first and the 12th delivery.
        assertThat(schedule.longestOutageSurvived()).isEqualTo(Duration.ofMinutes(363));
        // the same sum, delivery by delivery, as the visibility timeouts the worker sets
        Duration sum = Duration.ZERO;
        for (int n = 1; n < schedule.maxReceiveCount(); n++) sum = sum.plus(schedule.visibilityTimeout(n, null));
        assertThat(sum).isEqualTo(schedule.longestOutageSurvived());
    }

    @Test
    void inProcessBackoffDoublesUpToItsMaxWithoutJitter() {
        assertThat(IntStream.rangeClosed(1, 6).mapToObj(k -> schedule.inProcessDelay(k, null, 0.0).toSeconds()))
                .containsExactly(1L, 2L, 4L, 8L, 8L, 8L);
    }

    @Test
    void jitterShortensTheWaitByAtMostItsFraction() {
        assertThat(schedule.inProcessDelay(2, null, 0.999999)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(1501));
        assertThat(schedule.inProcessDelay(2, null, 0.5)).isEqualTo(Duration.ofMillis(1750));
    }

    @Test
    void aRetryAfterLongerThanTheBackoffIsWaitedOut() {
        assertThat(schedule.inProcessDelay(1, Duration.ofSeconds(3), 0.3)).isEqualTo(Duration.ofSeconds(3));
        assertThat(schedule.inProcessDelay(3, Duration.ofSeconds(1), 0.0)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void onlyRetryAftersUpToTheCapAreWaitedInProcess() {
        assertThat(schedule.waitsInProcess(null)).isTrue();
        assertThat(schedule.waitsInProcess(Duration.ofSeconds(30))).isTrue();
        assertThat(schedule.waitsInProcess(Duration.ofSeconds(31))).isFalse();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetrySchedule(0, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(1, Duration.ZERO, Duration.ZERO, 1.5, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(1, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO, Duration.ZERO,
                Duration.ofHours(13), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(1, Duration.ofSeconds(-1), Duration.ZERO, 0, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
