package io.tdnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The bounded chaos suite: one seeded run over a ~60-disclosure day (it opens and closes its own
 * embedded stack; {@code ChaosCommandIT} in the CLI runs a second one through {@code tdnet bench chaos}).
 * The run must actually inject faults and kill workers, and end with nothing lost, doubled or miscounted.
 */
class ChaosIT {
    @Test
    void aSeededRunLosesNothingDoublesNothingAndCountsExactly() throws Exception {
        ChaosRun.Result direct = new ChaosRun(41, 60, 100, 0.05).run();
        assertThat(direct.kills().values().stream().mapToLong(Long::longValue).sum()).as("workers were killed").isPositive();
        assertThat(direct.faults()).as("faults were injected").isNotEmpty();
        assertThat(direct.errors()).isEmpty();
        assertThat(direct.summary().stored() + direct.summary().failed()).isEqualTo(direct.summary().listed());
    }
}
