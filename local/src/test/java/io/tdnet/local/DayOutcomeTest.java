package io.tdnet.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.ExecutionStatus;
import org.junit.jupiter.api.Test;

class DayOutcomeTest {
    @Test
    void aSettledStatusGivesItsOutcomeAndAnythingElseIsUnsettled() {
        assertThat(DayOutcome.of(ExecutionStatus.COMPLETED)).isEqualTo(DayOutcome.SETTLED);
        assertThat(DayOutcome.of(ExecutionStatus.COMPLETED_WITH_FAILURES)).isEqualTo(DayOutcome.SETTLED_WITH_FAILURES);
        assertThat(DayOutcome.of(ExecutionStatus.RUNNING)).isEqualTo(DayOutcome.UNSETTLED);
        assertThat(DayOutcome.of(ExecutionStatus.LISTING)).isEqualTo(DayOutcome.UNSETTLED);
    }

    @Test
    void aRangeEndsWithItsWorstDayWhicheverComesFirst() {
        assertThat(DayOutcome.SETTLED.worst(DayOutcome.SETTLED_WITH_FAILURES)).isEqualTo(DayOutcome.SETTLED_WITH_FAILURES);
        assertThat(DayOutcome.INCOMPLETE.worst(DayOutcome.SETTLED)).isEqualTo(DayOutcome.INCOMPLETE);
        assertThat(DayOutcome.INCOMPLETE.worst(DayOutcome.UNSETTLED)).isEqualTo(DayOutcome.UNSETTLED);
        assertThat(DayOutcome.SETTLED.worst(DayOutcome.SETTLED)).isEqualTo(DayOutcome.SETTLED);
    }
}
