package io.tdnet.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.ExecutionStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryMetricsTest {
    @Test
    void countsFromManyThreadsAreExact() throws Exception {
        InMemoryMetrics metrics = new InMemoryMetrics();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    metrics.stored();
                    metrics.downloadedBytes(10);
                    metrics.rateLimitWaited(Duration.ofMillis(2));
                    if (i % 100 == 0) metrics.failed("http 404");
                    if (i % 50 == 0) metrics.retried("http 503");
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        MetricsSnapshot s = metrics.snapshot();
        assertThat(s.stored()).isEqualTo(20_000);
        assertThat(s.downloads()).isEqualTo(20_000);
        assertThat(s.downloadedBytes()).isEqualTo(200_000);
        assertThat(s.rateLimitWaits()).isEqualTo(20_000);
        assertThat(s.rateLimitWaitMillis()).isEqualTo(40_000);
        assertThat(s.maxRateLimitWaitMillis()).isEqualTo(2);
        assertThat(s.failed()).isEqualTo(200);
        assertThat(s.failedByReason()).isEqualTo(Map.of(FailureReasons.HTTP_NOT_FOUND, 200L));
        assertThat(s.retries()).isEqualTo(400);
        assertThat(s.retriesByReason()).isEqualTo(Map.of(FailureReasons.HTTP_SERVER, 400L));
    }

    @Test
    void listingPagesAndExecutionsAreKept() {
        InMemoryMetrics metrics = new InMemoryMetrics();
        metrics.pageRead();
        metrics.pageRead();
        metrics.listed(250);
        metrics.enqueued(240);
        metrics.alreadyPresent();
        metrics.executionFinished(ExecutionStatus.COMPLETED, Duration.ofSeconds(5));
        MetricsSnapshot s = metrics.snapshot();
        assertThat(s.pagesRead()).isEqualTo(2);
        assertThat(s.listed()).isEqualTo(250);
        assertThat(s.enqueued()).isEqualTo(240);
        assertThat(s.alreadyPresent()).isEqualTo(1);
        assertThat(metrics.executionDuration(ExecutionStatus.COMPLETED)).isEqualTo(Duration.ofSeconds(5));
        assertThat(metrics.executionDuration(ExecutionStatus.FAILED)).isZero();
        assertThat(MetricsSnapshot.empty().failedByReason()).isEmpty();
    }
}
