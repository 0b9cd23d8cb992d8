package io.tdnet.twin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One {@code AWS::Lambda::Function} of the synthesized template, resolved as CloudFormation would
 * (names, ARNs and environment values with the twin's fixed account and region).
 *
 * @param logicalId     the template's logical id
 * @param functionName  the resolved FunctionName
 * @param handler       the Handler string ({@code pkg.Class::method})
 * @param jar           the shaded jar the Code asset maps to
 * @param memoryMb      MemorySize (the twin derives the child JVM's heap from it)
 * @param timeout       Timeout (the deadline header; the process is killed past it)
 * @param environment   Environment.Variables, resolved
 * @param snapStart     SnapStart.ApplyOn = PublishedVersions
 * @param roleLogicalId the logical id of the function's execution role
 */
public record FunctionSpec(
        String logicalId,
        String functionName,
        String handler,
        Path jar,
        int memoryMb,
        Duration timeout,
        Map<String, String> environment,
        boolean snapStart,
        String roleLogicalId) {
    public FunctionSpec {
        environment = Map.copyOf(environment);
    }
}
