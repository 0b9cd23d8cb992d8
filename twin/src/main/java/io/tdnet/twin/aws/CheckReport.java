package io.tdnet.twin.aws;

import java.util.List;

/**
 * The outcome of one of the twin's cross-checks: a printable report and whether it passed.
 *
 * @param name     the check (IAM, metric identity, environment)
 * @param passed   true when nothing failed
 * @param failures one line per failure (empty when passed)
 * @param report   the full printable report
 */
public record CheckReport(String name, boolean passed, List<String> failures, String report) {
    public CheckReport {
        failures = List.copyOf(failures);
    }

    static CheckReport of(String name, List<String> failures, StringBuilder body) {
        String header = "== " + name + ": " + (failures.isEmpty() ? "PASS" : "FAIL (" + failures.size() + ")") + "\n";
        StringBuilder failed = new StringBuilder();
        failures.forEach(f -> failed.append("  FAIL ").append(f).append('\n'));
        return new CheckReport(name, failures.isEmpty(), failures, header + failed + body);
    }
}
