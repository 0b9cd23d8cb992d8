package io.tdnet.infra;

import io.tdnet.model.LambdaHandlers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The four shaded Lambda jars the stack deploys. Passed in as paths so that synthesis (and the
 * tests, which use small dummy jars) never depend on a build order.
 */
public record LambdaJars(Path lister, Path downloader, Path persister, Path reconciler) {

    public LambdaJars {
        Objects.requireNonNull(lister, "lister");
        Objects.requireNonNull(downloader, "downloader");
        Objects.requireNonNull(persister, "persister");
        Objects.requireNonNull(reconciler, "reconciler");
    }

    /** The jars where each module's build puts them: {@code <repoRoot>/<module>/target/<jar>}. */
    public static LambdaJars inModuleTargets(Path repoRoot) {
        return new LambdaJars(
                repoRoot.resolve("lister/target").resolve(LambdaHandlers.LISTER_JAR),
                repoRoot.resolve("downloader/target").resolve(LambdaHandlers.DOWNLOADER_JAR),
                repoRoot.resolve("persister/target").resolve(LambdaHandlers.PERSISTER_JAR),
                repoRoot.resolve("reconciler/target").resolve(LambdaHandlers.RECONCILER_JAR));
    }

    /** Fails naming every missing jar and the command that builds them. */
    public LambdaJars requireExisting() {
        StringBuilder missing = new StringBuilder();
        for (Path jar : new Path[] {lister, downloader, persister, reconciler}) {
            if (!Files.isRegularFile(jar)) {
                missing.append("\n  ").append(jar.toAbsolutePath().normalize());
            }
        }
        if (missing.length() > 0) {
            throw new IllegalStateException("Lambda jar(s) missing:" + missing
                    + "\nbuild them first: mvn -B -pl lister,downloader,persister,reconciler -am package -DskipTests");
        }
        return this;
    }
}
