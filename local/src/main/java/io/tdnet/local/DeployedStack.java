package io.tdnet.local;

import io.tdnet.model.PipelineResources;
import io.tdnet.model.StackOutputs;
import io.tdnet.wiring.AwsClients;
import java.util.Map;

/**
 * Finds a deployed stack's resources from its CloudFormation outputs ({@code DescribeStacks}): the CLI's
 * {@code --aws} reads every queue URL, table and bucket name there and rebuilds none (the bucket's name
 * carries the account id, which a rebuilt name misses).
 */
public final class DeployedStack {
    private DeployedStack() {}

    /** The resources {@code stackName} outputs; fails naming the stack when it is missing or unreadable. */
    public static PipelineResources resolve(AwsClients clients, String stackName) {
        return resources(outputs(clients, stackName), stackName);
    }

    /** Every output of {@code stackName} (DescribeStacks); fails naming the stack when it is missing or unreadable. */
    public static Map<String, String> outputs(AwsClients clients, String stackName) {
        try {
            return new CloudFormationOutputs(clients).of(stackName);
        } catch (StackUnusableException e) {
            throw e;
        } catch (IllegalStateException e) {
            throw new StackUnusableException(e.getMessage(), e);
        }
    }

    /** The pipeline's resources among {@code outputs}; fails naming the missing output and the stack. */
    public static PipelineResources resources(Map<String, String> outputs, String stackName) {
        try {
            return StackOutputs.resources(outputs, stackName);
        } catch (IllegalStateException e) {
            throw new StackUnusableException(e.getMessage(), e);
        }
    }

    /** One output's value; fails naming the missing output and the stack (a stack from an older template). */
    public static String output(Map<String, String> outputs, String key, String stackName) {
        String value = outputs.get(key);
        if (value == null || value.isBlank()) {
            throw new StackUnusableException("stack " + stackName + " has no output " + key
                    + "; deploy the current template (infra/DEPLOY.md)", null);
        }
        return value;
    }
}
