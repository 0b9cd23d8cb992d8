package io.tdnet.downloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.model.EnvVars;
import io.tdnet.model.Tdnet;
import io.tdnet.model.TdnetOrigin;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DownloaderConfigTest {

    @Test
    void defaultsWhenTheEnvironmentIsEmpty() {
        DownloaderConfig config = DownloaderConfig.fromEnvironment(Map.of());
        assertThat(config.origin().baseUrl()).isEqualTo(Tdnet.DEFAULT_BASE_URL);
        assertThat(config.ratePerSecond()).isEqualTo(Tdnet.DEFAULT_RATE);
        assertThat(config.concurrency()).isEqualTo(1);
        assertThat(config.maxPdfBytes()).isEqualTo(Tdnet.DEFAULT_MAX_PDF_BYTES);
        assertThat(config.userAgent()).isEqualTo(Tdnet.DEFAULT_USER_AGENT);
        assertThat(config.retry()).isEqualTo(RetrySchedule.defaults());
    }

    @Test
    void readsTheLambdaEnvironmentAndPacesEachInstanceAtRateOverConcurrency() {
        DownloaderConfig config = DownloaderConfig.fromEnvironment(Map.of(
                EnvVars.TDNET_BASE_URL, "http://127.0.0.1:8080/inbs/",
                EnvVars.TDNET_RATE, "4",
                EnvVars.DOWNLOADER_CONCURRENCY, "2",
                EnvVars.MAX_PDF_BYTES, "700000000",
                EnvVars.USER_AGENT, "test-agent (+http://example.invalid)"));
        assertThat(config.origin().baseUrl()).isEqualTo("http://127.0.0.1:8080/inbs/");
        assertThat(config.instanceRate()).isEqualTo(2.0);
        assertThat(config.maxPdfBytes()).isEqualTo(700_000_000L);
        assertThat(config.userAgent()).isEqualTo("test-agent (+http://example.invalid)");
    }

    @Test
    void aBadValueFailsNamingTheVariable() {
        assertThatThrownBy(() -> DownloaderConfig.fromEnvironment(Map.of(EnvVars.TDNET_RATE, "fast")))
                .hasMessageContaining(EnvVars.TDNET_RATE);
        assertThatThrownBy(() -> DownloaderConfig.fromEnvironment(Map.of(EnvVars.DOWNLOADER_CONCURRENCY, "0")))
                .hasMessageContaining("concurrency");
        assertThatThrownBy(() -> DownloaderConfig.fromEnvironment(Map.of(EnvVars.TDNET_RATE, "-1")))
                .hasMessageContaining("rate");
    }

    @Test
    void refusesAZeroTimeoutWhichWouldMeanForever() {
        DownloaderConfig config = DownloaderConfig.defaults(TdnetOrigin.of("http://127.0.0.1:1/inbs/"));
        assertThatThrownBy(() -> config.withTimeouts(Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
