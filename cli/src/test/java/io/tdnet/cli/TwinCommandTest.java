package io.tdnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code tdnet twin} is mounted with its options; a bad option is a usage error like everywhere else. */
class TwinCommandTest {
    @Test
    void helpNamesTheOptionsAndTheExitCodes() {
        Cli cli = Cli.run(null, "twin", "--help");
        assertThat(cli.exit()).as(cli.toString()).isZero();
        assertThat(cli.out()).contains("--date", "--rate", "--tdnet-url", "--rows", "cross-check");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli cli = Cli.run(null, "twin", "--nope");
        assertThat(cli.exit()).as(cli.toString()).isEqualTo(ExitCodes.USAGE);
    }
}
