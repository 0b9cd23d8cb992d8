package io.tdnet.twin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.twin.aws.CheckReport;
import io.tdnet.twin.lambda.FunctionFigures;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A small day end to end through the twin (issue 14): scheduled lister → downloader → persister, SnapStart
 * credentials only, an intraday re-run of the same date, and the three cross-checks over both runs. While the handlers force environment credentials, every
 * AWS call fails at the first invocation and this test fails naming it.
 */
@ExtendWith(TwinExtension.class)
class TwinDayIT {

    @Test
    void aSmallDaySettlesWithEveryDisclosureAccountedFor(TwinExtension.Fixture fixture) {
        DayRun run = fixture.dayRun();
        assertThat(run.lister().succeeded())
                .as("the scheduled lister invocation: %s %s: %s (log %s)", run.lister().status(), run.lister().errorType(),
                        run.lister().errorMessage(), run.lister().logFile())
                .isTrue();
        assertThat(run.settled()).as(run.summaryLine()).isTrue();
        ExecutionSummary summary = run.summary().orElseThrow();
        assertThat(summary.allAccountedFor()).as(run.summaryLine()).isTrue();
        assertThat(summary.status()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);
        assertThat(summary.failed()).as("the one permanent 404").isEqualTo(1);
        assertThat(summary.stored()).isEqualTo(summary.listed() - 1);
        for (Map.Entry<String, FunctionFigures> f : run.figures().entrySet()) {
            assertThat(f.getValue().initErrors()).as(f.getKey() + " init errors").isZero();
        }
    }

    @Test
    void anIntradayRerunFindsWhatTheFirstStoredAndStoresOnlyTheNewRows(TwinExtension.Fixture fixture) {
        DayRun first = fixture.dayRun();
        DayRun rerun = fixture.rerun();
        assertThat(rerun.settled()).as(rerun.summaryLine()).isTrue();
        ExecutionSummary before = first.summary().orElseThrow();
        ExecutionSummary after = rerun.summary().orElseThrow();
        assertThat(after.executionId()).isNotEqualTo(before.executionId());
        assertThat(after.allAccountedFor()).as(rerun.summaryLine()).isTrue();
        assertThat(after.stored()).as("only the new rows").isEqualTo(TwinExtension.ADDED);
        assertThat(after.withdrawn()).as("the row TDnet withdrew").isEqualTo(1);
        assertThat(after.alreadyPresent()).as(rerun.summaryLine()).isEqualTo(before.stored() - 1);
        assertThat(after.failed()).as("the permanent 404 again").isEqualTo(1);
    }

    @Test
    void everyCallIsAllowedByItsRoleAndEveryGrantIsUsedOrListed(TwinExtension.Fixture fixture) {
        assertPassed(check(fixture, "IAM"));
    }

    @Test
    void everyAlarmAndDashboardMetricIsEmittedAndEveryEmittedMetricIsOnTheDashboard(TwinExtension.Fixture fixture) {
        assertPassed(check(fixture, "metric identity"));
    }

    @Test
    void everyVariableReadIsSetAndEveryVariableSetIsRead(TwinExtension.Fixture fixture) {
        assertPassed(check(fixture, "environment"));
    }

    private static CheckReport check(TwinExtension.Fixture fixture, String name) {
        return fixture.rerun().checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static void assertPassed(CheckReport report) {
        assertThat(report.failures()).as(report.report()).isEmpty();
        assertThat(report.passed()).isTrue();
    }
}
