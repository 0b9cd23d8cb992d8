package io.tdnet.infra;

import io.tdnet.model.StackOutputs;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Synthesizes the default ("prod") stack once per test JVM (jsii starts node: seconds) and shares the
 * template with every assertion test. The Lambda jars are small dummy jars in a temp dir, so the tests
 * never depend on the other modules being built.
 */
final class SynthesizedStack {
    private SynthesizedStack() {}

    /** The synthesized template written to target/ (cfn-lint runs on it). */
    static final Path TEMPLATE_FILE = Path.of("target", "cdk-test", "TdnetPipeline-prod.template.json");

    static Template template() {
        return Holder.TEMPLATE;
    }

    /** The template as plain JSON maps. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json() {
        return Holder.JSON;
    }

    static TdnetStackConfig config() {
        return Holder.CONFIG;
    }

    /** Synthesizes another stack with the given config (each further synth is ~1 s in the same JVM). */
    static Template synthesize(TdnetStackConfig config) {
        App app = new App();
        TdnetStack stack = new TdnetStack(app, StackOutputs.stackName(config.stage()),
                StackProps.builder().stackName(StackOutputs.stackName(config.stage())).build(), config);
        return Template.fromStack(stack);
    }

    static LambdaJars dummyJars() {
        return Holder.JARS;
    }

    static LambdaJars writeDummyJars(Path dir) {
        try {
            Files.createDirectories(dir);
            Path lister = dummyJar(dir.resolve("lister-lambda.jar"), "lister");
            Path downloader = dummyJar(dir.resolve("downloader-lambda.jar"), "downloader");
            Path persister = dummyJar(dir.resolve("persister-lambda.jar"), "persister");
            Path reconciler = dummyJar(dir.resolve("reconciler-lambda.jar"), "reconciler");
            return new LambdaJars(lister, downloader, persister, reconciler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path dummyJar(Path file, String module) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(("Manifest-Version: 1.0\nCreated-By: infra tests (" + module + ")\n").getBytes());
            zip.closeEntry();
        }
        return file;
    }

    private static final class Holder {
        static final LambdaJars JARS;
        static final TdnetStackConfig CONFIG;
        static final Template TEMPLATE;
        static final Map<String, Object> JSON;

        static {
            try {
                JARS = writeDummyJars(Files.createTempDirectory("tdnet-infra-jars"));
                CONFIG = TdnetStackConfig.builder(JARS).build();
                TEMPLATE = synthesize(CONFIG);
                JSON = TEMPLATE.toJSON();
                Files.createDirectories(TEMPLATE_FILE.getParent());
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(TEMPLATE_FILE.toFile(), JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
