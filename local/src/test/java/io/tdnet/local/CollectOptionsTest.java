package io.tdnet.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CollectOptionsTest {
    @Test
    void pacedDownloadWorkersAreTwiceRBetweenTwoAndSixteenAndAtMostFourPerCore() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(CollectOptions.pacedDownloadWorkers(0.5)).isEqualTo(2);
        assertThat(CollectOptions.pacedDownloadWorkers(1)).isEqualTo(2);
        assertThat(CollectOptions.pacedDownloadWorkers(2)).isEqualTo(Math.min(4, 4 * cores));
        assertThat(CollectOptions.pacedDownloadWorkers(50)).isEqualTo(Math.min(16, 4 * cores));
        assertThat(CollectOptions.pacedDownloadWorkers(1_000)).isLessThanOrEqualTo(16);
    }
}
