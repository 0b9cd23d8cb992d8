package io.tdnet.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The bounded chaos suite: two seeded runs over a ~60-disclosure day, through the CLI in-process (each
 * run opens and closes its own embedded stack). Every run must actually inject faults and kill workers,
 * and end with nothing lost, doubled or miscounted.
 */
class ChaosIT {
    @Test
    void twoSeededRunsLoseNothingDoubleNothingAndCountExactly() throws Exception {
        ChaosRun.Result direct = new ChaosRun(41, 60, 100, 0.05).run();
        assertThat(direct.kills().values().stream().mapToLong(Long::longValue).sum()).as("workers were killed").isPositive();
        assertThat(direct.faults()).as("faults were injected").isNotEmpty();
        assertThat(direct.errors()).isEmpty();
        assertThat(direct.summary().stored() + direct.summary().failed()).isEqualTo(direct.summary().listed());

        Cli chaos = Cli.run(null, "bench", "chaos", "--seed", "42", "--runs", "1", "--disclosures", "60");
        assertThat(chaos.exit()).as(chaos.toString()).isZero();
        assertThat(chaos.out()).contains("lost 0 · doubled 0 · counter errors 0 · other invariant errors 0");
    }
}
