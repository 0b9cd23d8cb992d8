package io.tdnet.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.twin.aws.CheckReport;
import io.tdnet.twin.lambda.InvocationResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code ./tdnet twin}'s exit codes: collect's, and 1 when a cross-check fails or the day is not exact. */
class TwinMainTest {
    private static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    private static final CheckReport PASSED = new CheckReport("IAM", true, List.of(), "");
    private static final CheckReport FAILED_CHECK = new CheckReport("IAM", false, List.of("granted x unused"), "");

    private static DayRun run(ExecutionStatus status, long listed, long stored, long failed, boolean settled, CheckReport check) {
        InvocationResult lister = new InvocationResult("Lister", "r1", InvocationResult.Status.SUCCESS, "{}", null, null,
                true, Duration.ZERO, Duration.ofSeconds(1), Path.of("env-001.log"));
        OffsetDateTime t = OffsetDateTime.parse("2026-02-13T00:00:00Z");
        ExecutionSummary summary = new ExecutionSummary("e", DAY, status, null, listed, listed, 0, stored, 0, 0, failed, t, t, t);
        return new DayRun(DAY, lister, Optional.of(summary), settled, Duration.ofMinutes(1), Map.of(), List.of(check));
    }

    @Test
    void exitCodesFollowCollectAndAFailedCheckIsOne() {
        assertThat(TwinMain.exitCode(run(ExecutionStatus.COMPLETED, 5, 5, 0, true, PASSED))).isZero();
        assertThat(TwinMain.exitCode(run(ExecutionStatus.COMPLETED_WITH_FAILURES, 5, 4, 1, true, PASSED))).isEqualTo(3);
        assertThat(TwinMain.exitCode(run(ExecutionStatus.FAILED, 0, 0, 0, true, PASSED))).isEqualTo(4);
        assertThat(TwinMain.exitCode(run(ExecutionStatus.RUNNING, 5, 3, 0, false, PASSED))).isEqualTo(1);
        assertThat(TwinMain.exitCode(run(ExecutionStatus.COMPLETED, 5, 5, 0, true, FAILED_CHECK))).isEqualTo(1);
    }

    @Test
    void anUnknownOptionPrintsUsageAndExitsTwo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(TwinMain.run(new String[] {"--nope"}, new PrintStream(out, true))).isEqualTo(2);
        assertThat(out.toString()).contains("usage: tdnet twin");
    }
}
