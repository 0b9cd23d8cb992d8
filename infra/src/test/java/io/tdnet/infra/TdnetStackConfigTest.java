package io.tdnet.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validation of the deployment settings; no synthesis. */
class TdnetStackConfigTest {
    @TempDir
    Path dir;

    private TdnetStackConfig build(UnaryOperator<TdnetStackConfig.Builder> change) {
        LambdaJars jars = new LambdaJars(dir.resolve("a.jar"), dir.resolve("b.jar"), dir.resolve("c.jar"), dir.resolve("d.jar"));
        return change.apply(TdnetStackConfig.builder(jars)).build();
    }

    @Test
    void defaultsAreProdAtOneRequestPerSecondForTheWholeDeployment() {
        TdnetStackConfig config = build(b -> b);
        assertThat(config.stage()).isEqualTo("prod");
        assertThat(config.rate()).isEqualTo(1.0);
        assertThat(config.downloaderConcurrency()).isEqualTo(2);
        assertThat(config.persisterConcurrency()).isEqualTo(5);
        assertThat(config.listerSchedule()).isEqualTo(TdnetStackConfig.DEFAULT_LISTER_SCHEDULE);
    }

    @Test
    void rejectsARateAboveTheMaximum() {
        assertThatThrownBy(() -> build(b -> b.rate(TdnetStackConfig.MAX_RATE + 1))).hasMessageContaining("rate must be");
        assertThatThrownBy(() -> build(b -> b.rate(0))).hasMessageContaining("rate must be");
    }

    @Test
    void rejectsAStageThatCannotBePartOfABucketName() {
        assertThatThrownBy(() -> build(b -> b.stage("Prod"))).hasMessageContaining("stage");
        assertThatThrownBy(() -> build(b -> b.stage("a_b"))).hasMessageContaining("stage");
        assertThatThrownBy(() -> build(b -> b.stage(""))).hasMessageContaining("stage");
        assertThatThrownBy(() -> build(b -> b.stage("-dev"))).hasMessageContaining("stage");
        assertThat(build(b -> b.stage("dev-2")).stage()).isEqualTo("dev-2");
    }

    @Test
    void rejectsNonPositiveOrExcessiveRates() {
        assertThatThrownBy(() -> build(b -> b.rate(0))).hasMessageContaining("rate");
        assertThatThrownBy(() -> build(b -> b.rate(-1))).hasMessageContaining("rate");
        assertThatThrownBy(() -> build(b -> b.rate(Double.NaN))).hasMessageContaining("rate");
        assertThatThrownBy(() -> build(b -> b.rate(11))).hasMessageContaining("rate");
    }

    @Test
    void eventSourceConcurrencyMustBeWithinTheSqsRange() {
        assertThatThrownBy(() -> build(b -> b.downloaderConcurrency(1)))
                .hasMessageContaining("downloaderConcurrency").hasMessageContaining("between 2 and 1000");
        assertThatThrownBy(() -> build(b -> b.persisterConcurrency(1001))).hasMessageContaining("persisterConcurrency");
    }

    @Test
    void rejectsMalformedScheduleUrlAgentSizeAndThresholds() {
        assertThatThrownBy(() -> build(b -> b.listerSchedule(List.of("0 9 * * 1-5")))).hasMessageContaining("schedule");
        assertThatThrownBy(() -> build(b -> b.tdnetBaseUrl("ftp://x/"))).hasMessageContaining("tdnetBaseUrl");
        assertThatThrownBy(() -> build(b -> b.tdnetBaseUrl("https://www.release.tdnet.info/inbs")))
                .hasMessageContaining("ending in '/'");
        assertThatThrownBy(() -> build(b -> b.userAgent(" "))).hasMessageContaining("userAgent");
        assertThatThrownBy(() -> build(b -> b.maxPdfBytes(0))).hasMessageContaining("maxPdfBytes");
        assertThatThrownBy(() -> build(b -> b.listerReservedConcurrency(-1))).hasMessageContaining("listerReservedConcurrency");
        assertThatThrownBy(() -> build(b -> b.downloadAgeAlarm(Duration.ZERO))).hasMessageContaining("thresholds");
    }

    @Test
    void lambdaJarsNameEveryMissingJarAndTheBuildCommand() {
        LambdaJars jars = LambdaJars.inModuleTargets(dir);
        assertThat(jars.downloader()).isEqualTo(dir.resolve("downloader/target/downloader-lambda.jar"));
        assertThatThrownBy(jars::requireExisting)
                .hasMessageContaining("lister-lambda.jar")
                .hasMessageContaining("downloader-lambda.jar")
                .hasMessageContaining("persister-lambda.jar")
                .hasMessageContaining("reconciler-lambda.jar")
                .hasMessageContaining("mvn -B -pl lister,downloader,persister,reconciler -am package");
    }
}
