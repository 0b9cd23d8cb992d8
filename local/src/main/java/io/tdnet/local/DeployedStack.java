package io.tdnet.local;

import io.tdnet.model.PipelineResources;
import io.tdnet.model.StackOutputs;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Finds a deployed stack's resources from its CloudFormation outputs ({@code DescribeStacks}): the CLI's
 * {@code --aws} reads every queue URL, table and bucket name there and rebuilds none (the bucket's name
 * carries the account id, which a rebuilt name misses).
 */
public final class DeployedStack {
    private DeployedStack() {}

    /** The resources {@code stackName} outputs; fails naming the stack when it is missing or unreadable. */
    public static PipelineResources resolve(CloudFormationClient cloudFormation, String stackName) {
        Stack stack;
        try {
            stack = cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().stream().findFirst()
                    .orElseThrow(() -> new StackUnusableException("stack " + stackName + " does not exist", null));
        } catch (SdkException e) {
            throw new StackUnusableException("stack " + stackName + ": " + AwsFailure.describe(e)
                    + " (deploy it, or choose it with --stage/--stack, --region and --profile)", e);
        }
        Map<String, String> outputs = stack.outputs().stream()
                .collect(Collectors.toMap(Output::outputKey, Output::outputValue, (a, b) -> a));
        try {
            return StackOutputs.resources(outputs, stackName);
        } catch (IllegalStateException e) {
            throw new StackUnusableException(e.getMessage(), e);
        }
    }
}
