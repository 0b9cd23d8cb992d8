package io.tdnet.downloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.model.DownloadTiming;
import io.tdnet.model.EnvVars;
import io.tdnet.wiring.FunctionEnvironment;
import io.tdnet.model.Tdnet;
import io.tdnet.model.TdnetOrigin;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DownloaderConfigTest {

    @Test
    void defaultsWhenTheEnvironmentIsEmpty() {
        DownloaderConfig config = DownloaderConfig.fromEnvironment(new FunctionEnvironment(Map.of()));
        assertThat(config.origin().baseUrl()).isEqualTo(Tdnet.DEFAULT_BASE_URL);
        assertThat(config.maxPdfBytes()).isEqualTo(Tdnet.DEFAULT_MAX_PDF_BYTES);
        assertThat(config.maxXbrlBytes()).isEqualTo(Tdnet.DEFAULT_MAX_XBRL_BYTES);
        assertThat(config.userAgent()).isEqualTo(Tdnet.DEFAULT_USER_AGENT);
        assertThat(config.retry()).isEqualTo(RetrySchedule.defaults());
    }

    @Test
    void readsTheLambdaEnvironmentAndRemembersTheNamesRead() {
        FunctionEnvironment env = new FunctionEnvironment(Map.of(
                EnvVars.TDNET_BASE_URL, "http://127.0.0.1:8080/inbs/",
                EnvVars.MAX_PDF_BYTES, "700000000",
                EnvVars.MAX_XBRL_BYTES, "1000000",
                EnvVars.USER_AGENT, "test-agent (+http://example.invalid)"));
        DownloaderConfig config = DownloaderConfig.fromEnvironment(env);
        assertThat(env.namesRead()).containsExactly(EnvVars.TDNET_BASE_URL, EnvVars.MAX_PDF_BYTES, EnvVars.MAX_XBRL_BYTES,
                EnvVars.USER_AGENT);
        assertThat(config.maxXbrlBytes()).isEqualTo(1_000_000L);
        assertThat(config.origin().baseUrl()).isEqualTo("http://127.0.0.1:8080/inbs/");
        assertThat(config.maxPdfBytes()).isEqualTo(700_000_000L);
        assertThat(config.userAgent()).isEqualTo("test-agent (+http://example.invalid)");
    }

    @Test
    void aBadValueFailsNamingTheVariable() {
        assertThatThrownBy(() -> DownloaderConfig.fromEnvironment(
                new FunctionEnvironment(Map.of(EnvVars.MAX_PDF_BYTES, "big")))).hasMessageContaining(EnvVars.MAX_PDF_BYTES);
        assertThatThrownBy(() -> DownloaderConfig.fromEnvironment(
                new FunctionEnvironment(Map.of(EnvVars.MAX_PDF_BYTES, "0")))).hasMessageContaining("maxPdfBytes");
        assertThatThrownBy(() -> DownloaderConfig.fromEnvironment(
                new FunctionEnvironment(Map.of(EnvVars.MAX_XBRL_BYTES, "10")))).hasMessageContaining("maxXbrlBytes");
    }

    @Test
    void theDocumentBudgetIsTheInProcessWorstCaseAndMatchesTheSharedTimingConstants() {
        DownloaderConfig config = DownloaderConfig.defaults(TdnetOrigin.of("http://127.0.0.1:1/inbs/"));
        // 3 × (10 s + 30 s) + 2 × 30 s (each wait at most the Retry-After cap)
        assertThat(config.documentBudget()).isEqualTo(Duration.ofSeconds(180)).isEqualTo(DownloadTiming.DOCUMENT_BUDGET);
        assertThat(DownloadTiming.RETRY_AFTER_CAP).isGreaterThanOrEqualTo(DownloadTiming.BACKOFF_MAX);
    }

    @Test
    void refusesAZeroTimeoutWhichWouldMeanForever() {
        DownloaderConfig config = DownloaderConfig.defaults(TdnetOrigin.of("http://127.0.0.1:1/inbs/"));
        assertThatThrownBy(() -> config.withTimeouts(Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
