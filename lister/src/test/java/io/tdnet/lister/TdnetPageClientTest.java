package io.tdnet.lister;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TdnetPageClientTest {

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
