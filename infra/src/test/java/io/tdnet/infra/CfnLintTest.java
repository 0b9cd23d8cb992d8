package io.tdnet.infra;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthesized template is written to target/cdk-test/ and, when cfn-lint is on the PATH, linted:
 * no errors, and no warning other than W3005 (a DependsOn CDK emits next to a GetAtt).
 */
class CfnLintTest {
    private static final List<String> TOLERATED_WARNINGS = List.of("W3005");

    @Test
    void templateIsWrittenToTarget() throws Exception {
        SynthesizedStack.template();
        assertThat(SynthesizedStack.TEMPLATE_FILE).exists();
        assertThat(Files.readString(SynthesizedStack.TEMPLATE_FILE)).contains("\"Resources\"").contains("\"Outputs\"");
    }

    @Test
    void cfnLintFindsNoErrors() throws Exception {
        SynthesizedStack.template();
        Path cfnLint = onPath("cfn-lint");
        Assumptions.assumeTrue(cfnLint != null,
                "cfn-lint is not on the PATH: skipping the lint of " + SynthesizedStack.TEMPLATE_FILE
                        + " (pip install cfn-lint; .ci/run installs it)");
        Process process = new ProcessBuilder(cfnLint.toString(), "--format", "parseable",
                SynthesizedStack.TEMPLATE_FILE.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        int exit = process.exitValue();
        // parseable lines: file:line:col:endline:endcol:RULE:message
        List<String> rules = new ArrayList<>();
        Matcher m = Pattern.compile("^[^\\n]*?:\\d+:\\d+:\\d+:\\d+:([EWI]\\d+):", Pattern.MULTILINE).matcher(output);
        while (m.find()) rules.add(m.group(1));
        assertThat(exit & 2).as("cfn-lint error bit (exit %d):%n%s", exit, output).isZero();
        assertThat(rules).as("cfn-lint findings:%n%s", output).allMatch(TOLERATED_WARNINGS::contains);
        assertThat(exit & ~4).as("cfn-lint exit %d:%n%s", exit, output).isZero();
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }
}
