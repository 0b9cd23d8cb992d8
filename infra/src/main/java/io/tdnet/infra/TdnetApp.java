package io.tdnet.infra;

import io.tdnet.model.StackOutputs;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.constructs.Node;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The CDK app ({@code cdk.json} runs it from {@code infra/}). Reads the deployment's settings from CDK
 * context ({@code cdk deploy -c stage=dev -c rate=0.5 ...}, see DEPLOY.md) and the Lambda jars from the
 * modules' {@code target/} directories (or {@code -c listerJar=...} etc.).
 */
public final class TdnetApp {
    private TdnetApp() {}

    public static void main(String[] args) {
        App app = new App();
        TdnetStackConfig config = configFrom(app.getNode(), Path.of(".."));
        new TdnetStack(app, StackOutputs.stackName(config.stage()),
                StackProps.builder()
                        .stackName(StackOutputs.stackName(config.stage()))
                        .description("TDnet disclosure archive pipeline (" + config.stage() + ")")
                        .build(),
                config);
        app.synth();
    }

    /** Builds the config from context values, defaults where a key is absent; {@code repoRoot} locates the jars. */
    static TdnetStackConfig configFrom(Node node, Path repoRoot) {
        LambdaJars defaults = LambdaJars.inModuleTargets(repoRoot);
        LambdaJars jars = new LambdaJars(
                path(node, "listerJar", defaults.lister()),
                path(node, "downloaderJar", defaults.downloader()),
                path(node, "persisterJar", defaults.persister()),
                path(node, "reconcilerJar", defaults.reconciler())).requireExisting();
        TdnetStackConfig.Builder b = TdnetStackConfig.builder(jars);
        String v;
        if ((v = context(node, "stage")) != null) b.stage(v);
        if ((v = context(node, "rate")) != null) b.rate(Double.parseDouble(v));
        if ((v = context(node, "downloaderConcurrency")) != null) b.downloaderConcurrency(Integer.parseInt(v));
        if ((v = context(node, "persisterConcurrency")) != null) b.persisterConcurrency(Integer.parseInt(v));
        if ((v = context(node, "listerReservedConcurrency")) != null) b.listerReservedConcurrency(Integer.parseInt(v));
        if ((v = context(node, "schedule")) != null) b.listerSchedule(schedule(v));
        if ((v = context(node, "tdnetBaseUrl")) != null) b.tdnetBaseUrl(v);
        if ((v = context(node, "userAgent")) != null) b.userAgent(v);
        if ((v = context(node, "maxPdfBytes")) != null) b.maxPdfBytes(Long.parseLong(v));
        if ((v = context(node, "downloadAgeAlarmMinutes")) != null) b.downloadAgeAlarm(java.time.Duration.ofMinutes(Long.parseLong(v)));
        if ((v = context(node, "persistAgeAlarmMinutes")) != null) b.persistAgeAlarm(java.time.Duration.ofMinutes(Long.parseLong(v)));
        return b.build();
    }

    /** {@code ;}-separated schedule expressions; "none" or empty disables the schedule. */
    static List<String> schedule(String value) {
        if (value.isBlank() || value.equalsIgnoreCase("none")) {
            return List.of();
        }
        return Arrays.stream(value.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String context(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null ? null : value.toString();
    }

    private static Path path(Node node, String key, Path fallback) {
        String value = context(node, key);
        return value == null ? fallback : Path.of(value);
    }
}
