package io.tdnet.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CDK context → config, the way {@code cdk deploy -c key=value} hands settings to the app. */
class TdnetAppTest {
    @TempDir
    Path repo;

    @Test
    void contextOverridesTheDefaultsAndJarsComeFromTheModuleTargets() {
        LambdaJars jars = SynthesizedStack.writeDummyJars(repo.resolve("unused"));
        SynthesizedStack.writeDummyJars(repo.resolve("lister/target"));
        SynthesizedStack.writeDummyJars(repo.resolve("downloader/target"));
        SynthesizedStack.writeDummyJars(repo.resolve("persister/target"));
        SynthesizedStack.writeDummyJars(repo.resolve("reconciler/target"));
        App app = new App(AppProps.builder().context(Map.of(
                "stage", "dev",
                "rate", "0.5",
                "downloaderConcurrency", "3",
                "persisterConcurrency", "4",
                "schedule", "cron(0 1 ? * MON-FRI *); cron(0 2 ? * MON-FRI *)",
                "maxPdfBytes", "2048",
                "downloadAgeAlarmMinutes", "90")).build());
        TdnetStackConfig config = TdnetApp.configFrom(app.getNode(), repo);
        assertThat(config.stage()).isEqualTo("dev");
        assertThat(config.rate()).isEqualTo(0.5);
        assertThat(config.downloaderConcurrency()).isEqualTo(3);
        assertThat(config.persisterConcurrency()).isEqualTo(4);
        assertThat(config.listerSchedule()).containsExactly("cron(0 1 ? * MON-FRI *)", "cron(0 2 ? * MON-FRI *)");
        assertThat(config.maxPdfBytes()).isEqualTo(2048);
        assertThat(config.downloadAgeAlarm().toMinutes()).isEqualTo(90);
        assertThat(config.jars()).isEqualTo(LambdaJars.inModuleTargets(repo));
        assertThat(jars.lister()).exists();
    }

    @Test
    void scheduleNoneDisablesTheSchedule() {
        assertThat(TdnetApp.schedule("none")).isEmpty();
        assertThat(TdnetApp.schedule("")).isEmpty();
        assertThat(TdnetApp.schedule("rate(1 hour)")).isEqualTo(List.of("rate(1 hour)"));
    }

    @Test
    void missingJarsFailBeforeSynthesisNamingTheBuildCommand() {
        App app = new App();
        assertThatThrownBy(() -> TdnetApp.configFrom(app.getNode(), repo))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lister-lambda.jar")
                .hasMessageContaining("package");
    }

    @Test
    void explicitJarPathsInContextWin() {
        LambdaJars jars = SynthesizedStack.writeDummyJars(repo.resolve("elsewhere"));
        App app = new App(AppProps.builder().context(Map.of(
                "listerJar", jars.lister().toString(),
                "downloaderJar", jars.downloader().toString(),
                "persisterJar", jars.persister().toString(),
                "reconcilerJar", jars.reconciler().toString())).build());
        assertThat(TdnetApp.configFrom(app.getNode(), repo).jars()).isEqualTo(jars);
    }
}
