package io.tdnet.twin.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.twin.FunctionSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The parent pom's shade filters keep, of each AWS SDK service, only the model classes of the operations
 * the functions call (tools/lambda-sdk-classes.py). This test is the tripwire for a new call: every SDK
 * operation a function's own classes name must have its marshaller and builders in that function's jar,
 * for each service the jar carries (shared wiring names S3 in the lister's jar, which has no S3).
 */
class LambdaJarContentsTest {
    private static final Pattern REQUEST =
            Pattern.compile("software/amazon/awssdk/services/([a-z0-9]+)/model/([A-Z][A-Za-z0-9]*)Request");
    private final CloudFormationTemplate template = TemplateFiles.locate().load();

    @Test
    void everyCalledOperationKeepsItsModelAndMarshallerInTheJar() throws IOException {
        List<FunctionSpec> functions = template.functions();
        assertThat(functions).hasSize(4);
        for (FunctionSpec function : functions) {
            Set<String> missing = new TreeSet<>();
            Set<String> operations = operationsCalled(function.jar());
            try (ZipFile jar = new ZipFile(function.jar().toFile())) {
                for (String operation : operations) {
                    String[] serviceAndName = operation.split("/");
                    String base = "software/amazon/awssdk/services/" + serviceAndName[0] + "/";
                    if (jar.stream().noneMatch(e -> e.getName().startsWith(base))) {
                        continue; // a service the function does not carry (shared wiring names it; this function never calls it)
                    }
                    for (String entry : List.of("transform/" + serviceAndName[1] + "RequestMarshaller.class",
                            "model/" + serviceAndName[1] + "Request$BuilderImpl.class",
                            "model/" + serviceAndName[1] + "Response$BuilderImpl.class")) {
                        if (jar.getEntry(base + entry) == null) {
                            missing.add(base + entry);
                        }
                    }
                }
            }
            assertThat(missing)
                    .as("%s calls SDK operations whose classes the shade filters drop: re-run tools/lambda-sdk-classes.py"
                            + " and paste its output into the parent pom", function.functionName())
                    .isEmpty();
            assertThat(operations).as("the scan finds the calls of %s", function.functionName()).isNotEmpty();
        }
    }

    /** "service/Operation" for every operation whose request the function's own classes name. */
    private static Set<String> operationsCalled(Path jarPath) throws IOException {
        Set<String> operations = new TreeSet<>();
        try (ZipFile jar = new ZipFile(jarPath.toFile())) {
            for (ZipEntry entry : jar.stream().toList()) {
                if (!entry.getName().startsWith("io/tdnet/") || !entry.getName().endsWith(".class")) {
                    continue;
                }
                // class-file constant pools hold the names as (modified) UTF-8; ISO-8859-1 keeps every byte
                String text = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                Matcher matcher = REQUEST.matcher(text);
                while (matcher.find()) {
                    if (isOperation(matcher.group(1), matcher.group(2))) {
                        operations.add(matcher.group(1) + "/" + matcher.group(2));
                    }
                }
            }
        }
        return operations;
    }

    /** An operation has a marshaller in the full SDK (on this test's classpath); shapes like WriteRequest do not. */
    private static boolean isOperation(String service, String name) {
        String marshaller = "software/amazon/awssdk/services/" + service + "/transform/" + name + "RequestMarshaller.class";
        return LambdaJarContentsTest.class.getClassLoader().getResource(marshaller) != null;
    }
}
