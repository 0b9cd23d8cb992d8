package io.tdnet.infra;

import io.tdnet.model.StackOutputs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the twin stage's synthesized template and its asset mapping, offline, during infra's
 * {@code package} phase: {@code <out>/TdnetPipeline-twin.template.json} and {@code <out>/assets.json}
 * (each Lambda code asset's S3 key → the shaded jar it was staged from). The twin module runs the
 * functions from exactly these files.
 *
 * <p>Arguments: {@code <repoRoot> <outDir>}. When the three jars are not built (an infra-only build),
 * it prints why and writes nothing: the twin then fails naming the missing template.
 */
public final class TwinTemplate {
    /** File names under the output directory (the twin reads them). */
    public static final String TEMPLATE_FILE = StackOutputs.stackName(TdnetStackConfig.TWIN_STAGE) + ".template.json";
    public static final String ASSETS_FILE = "assets.json";

    private TwinTemplate() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: TwinTemplate <repoRoot> <outDir>");
        }
        LambdaJars jars = LambdaJars.inModuleTargets(Path.of(args[0]));
        try {
            jars.requireExisting();
        } catch (IllegalStateException missing) {
            System.out.println("[twin] template not written: " + missing.getMessage());
            return;
        }
        write(jars, Path.of(args[1]));
    }

    /** Synthesizes {@link TdnetStackConfig#twin(LambdaJars)} into {@code outDir}. */
    public static void write(LambdaJars jars, Path outDir) throws IOException {
        Path cdkOut = outDir.resolve("cdk.out");
        Files.createDirectories(cdkOut);
        TdnetStackConfig config = TdnetStackConfig.twin(jars);
        String stackName = StackOutputs.stackName(config.stage());
        App app = new App(AppProps.builder().outdir(cdkOut.toAbsolutePath().toString()).build());
        new TdnetStack(app, stackName, StackProps.builder().stackName(stackName)
                .description("TDnet disclosure archive pipeline (" + config.stage() + ")").build(), config);
        app.synth();

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode template = json.readTree(cdkOut.resolve(stackName + ".template.json").toFile());
        json.writeValue(outDir.resolve(TEMPLATE_FILE).toFile(), template);
        json.writeValue(outDir.resolve(ASSETS_FILE).toFile(), assetMapping(json, cdkOut, stackName, jars));
        System.out.println("[twin] wrote " + outDir.resolve(TEMPLATE_FILE) + " and " + outDir.resolve(ASSETS_FILE));
    }

    /** S3 object key of each file asset → the absolute path of the jar whose bytes it holds. */
    private static ObjectNode assetMapping(ObjectMapper json, Path cdkOut, String stackName, LambdaJars jars)
            throws IOException {
        Map<String, Path> byDigest = new LinkedHashMap<>();
        for (Path jar : new Path[] {jars.lister(), jars.downloader(), jars.persister(), jars.reconciler()}) {
            byDigest.put(sha256(jar), jar.toAbsolutePath().normalize());
        }
        JsonNode files = json.readTree(cdkOut.resolve(stackName + ".assets.json").toFile()).path("files");
        ObjectNode mapping = json.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            JsonNode asset = it.next().getValue();
            Path staged = cdkOut.resolve(asset.path("source").path("path").asText());
            Path jar = byDigest.get(sha256(staged));
            if (jar == null) {
                continue; // not a Lambda jar (CDK may stage other files)
            }
            for (JsonNode destination : asset.path("destinations")) {
                mapping.put(destination.path("objectKey").asText(), jar.toString());
            }
        }
        if (mapping.size() != byDigest.size()) {
            throw new IllegalStateException("expected one asset per Lambda jar, found " + mapping);
        }
        return mapping;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
