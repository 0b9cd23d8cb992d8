package io.tdnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code tdnet bench chaos} in-process: one seeded run, and the command's totals and exit code say it held. */
class ChaosCommandIT {
    @Test
    void oneSeededRunThroughTheCommandLosesNothing() {
        Cli chaos = Cli.run(null, "bench", "chaos", "--seed", "42", "--runs", "1", "--disclosures", "60");
        assertThat(chaos.exit()).as(chaos.toString()).isZero();
        assertThat(chaos.out()).contains("lost 0 · doubled 0 · counter errors 0 · other invariant errors 0");
    }
}
