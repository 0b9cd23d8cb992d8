package io.tdnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.local.DayOutcome;
import org.junit.jupiter.api.Test;

/** The CLI contract's exit codes for each way collecting a date can end. */
class ExitCodesTest {
    @Test
    void eachDayOutcomeHasTheContractsExitCode() {
        assertThat(ExitCodes.of(DayOutcome.SETTLED)).isZero();
        assertThat(ExitCodes.of(DayOutcome.SETTLED_WITH_FAILURES)).isEqualTo(3);
        assertThat(ExitCodes.of(DayOutcome.INCOMPLETE)).isEqualTo(4);
        assertThat(ExitCodes.of(DayOutcome.UNSETTLED)).isEqualTo(1);
    }

    @Test
    void theWorstCodeWinsWithUsageBelowFatal() {
        assertThat(ExitCodes.worst(ExitCodes.OK, ExitCodes.FAILURES)).isEqualTo(ExitCodes.FAILURES);
        assertThat(ExitCodes.worst(ExitCodes.USAGE, ExitCodes.INCOMPLETE)).isEqualTo(ExitCodes.USAGE);
        assertThat(ExitCodes.worst(ExitCodes.USAGE, ExitCodes.FATAL)).isEqualTo(ExitCodes.FATAL);
    }
}
