package io.tdnet.twin.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tdnet.twin.FunctionSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Environment agreement between the template and the code: every variable a function read through the
 * one environment reader (its {@code {"message":"env_read","env_read":[...]}} line at init) must be set
 * by the template or be in the twin's injected list, and every variable the template sets must be read.
 */
public final class EnvironmentCheck {
    static final String MESSAGE = "env_read";

    private EnvironmentCheck() {}

    /**
     * @param injected what the twin sets besides the template (its documented list: overrides, Lambda's
     *                 reserved variables, the container-credentials pair)
     * @param logFiles each function's log files, by logical id
     */
    public static CheckReport run(CloudFormationTemplate template, Set<String> injected, Map<String, List<Path>> logFiles) {
        List<String> failures = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (FunctionSpec fn : template.functions()) {
            List<Path> files = logFiles.getOrDefault(fn.logicalId(), List.of());
            if (files.isEmpty()) {
                body.append("  ").append(fn.functionName()).append(": did not run\n");
                continue;
            }
            Set<String> read = new TreeSet<>();
            boolean found = false;
            for (JsonNode line : FunctionLogs.jsonLines(files)) {
                if (MESSAGE.equals(line.path("message").asText()) && line.has(MESSAGE)) {
                    found = true;
                    line.get(MESSAGE).forEach(v -> read.add(v.asText()));
                }
            }
            if (!found) {
                failures.add(fn.functionName() + ": no {\"message\":\"env_read\"} line in its logs (the one environment reader logs it at init)");
                continue;
            }
            Set<String> set = new TreeSet<>(fn.environment().keySet());
            body.append("  ").append(fn.functionName()).append(": reads ").append(read).append('\n');
            body.append("  ").append(" ".repeat(fn.functionName().length())).append("  template sets ").append(set).append('\n');
            for (String name : read) {
                if (!set.contains(name) && !injected.contains(name)) {
                    failures.add(fn.functionName() + " reads " + name + ", which neither the template nor the twin's injected list sets");
                }
            }
            for (String name : set) {
                if (!read.contains(name)) {
                    failures.add(fn.functionName() + ": the template sets " + name + ", which the function never reads");
                }
            }
        }
        return CheckReport.of("environment", failures, body);
    }
}
