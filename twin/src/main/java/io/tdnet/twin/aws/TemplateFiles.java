package io.tdnet.twin.aws;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where infra's build wrote the twin stage's template and asset mapping: {@code infra/target/twin/} of
 * the repository (found from the working directory, the repository root or a module), or the directory
 * in the system property {@value #DIRECTORY_PROPERTY}.
 *
 * @param template the synthesized template
 * @param assets   the asset mapping (code asset S3 key → shaded jar)
 */
public record TemplateFiles(Path template, Path assets) {
    public static final String DIRECTORY_PROPERTY = "tdnet.twin.dir";
    public static final String STACK_NAME = "TdnetPipeline-twin";
    static final String TEMPLATE_FILE = STACK_NAME + ".template.json";
    static final String ASSETS_FILE = "assets.json";

    /** Finds the files, or fails naming the command that writes them. */
    public static TemplateFiles locate() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        Path[] candidates = configured != null ? new Path[] {Path.of(configured)}
                : new Path[] {Path.of("infra/target/twin"), Path.of("../infra/target/twin")};
        for (Path dir : candidates) {
            if (Files.isRegularFile(dir.resolve(TEMPLATE_FILE)) && Files.isRegularFile(dir.resolve(ASSETS_FILE))) {
                return new TemplateFiles(dir.resolve(TEMPLATE_FILE).toAbsolutePath().normalize(),
                        dir.resolve(ASSETS_FILE).toAbsolutePath().normalize());
            }
        }
        throw new IllegalStateException("the twin template is missing (looked in " + java.util.Arrays.toString(candidates)
                + "); infra's package phase writes it once the Lambda jars are built:"
                + " mvn -B -pl infra -am package -DskipTests");
    }

    public CloudFormationTemplate load() {
        return CloudFormationTemplate.load(template, assets, STACK_NAME);
    }
}
