package io.tdnet.lister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class TdnetPageClientTest {

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(TdnetPageClient.retryAfter("5")).isEqualTo(Duration.ofSeconds(5));
        assertThat(TdnetPageClient.retryAfter(" 0 ")).isEqualTo(Duration.ZERO);
        assertThat(TdnetPageClient.retryAfter("-3")).isNull();
        assertThat(TdnetPageClient.retryAfter("soon")).isNull();
        assertThat(TdnetPageClient.retryAfter(null)).isNull();
        String inAMinute = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(TdnetPageClient.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
        String past = ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(TdnetPageClient.retryAfter(past)).isEqualTo(Duration.ZERO);
    }

    @Test
    void settingsAreChecked() {
        TdnetPageClient.Settings d = TdnetPageClient.Settings.defaults();
        assertThat(d.maxBodyBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(d.userAgent()).isEqualTo(io.tdnet.model.Tdnet.DEFAULT_USER_AGENT);
        assertThatThrownBy(() -> d.withUserAgent(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withRetries(0, Duration.ofMillis(1), Duration.ofMillis(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withRetries(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxBodyBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withTimeouts(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
