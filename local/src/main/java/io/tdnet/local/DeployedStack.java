package io.tdnet.local;

import io.tdnet.model.PipelineResources;
import io.tdnet.model.StackOutputs;
import io.tdnet.wiring.AwsClients;

/**
 * Finds a deployed stack's resources from its CloudFormation outputs ({@code DescribeStacks}): the CLI's
 * {@code --aws} reads every queue URL, table and bucket name there and rebuilds none (the bucket's name
 * carries the account id, which a rebuilt name misses).
 */
public final class DeployedStack {
    private DeployedStack() {}

    /** The resources {@code stackName} outputs; fails naming the stack when it is missing or unreadable. */
    public static PipelineResources resolve(AwsClients clients, String stackName) {
        try {
            return StackOutputs.resources(new CloudFormationOutputs(clients).of(stackName), stackName);
        } catch (StackUnusableException e) {
            throw e;
        } catch (IllegalStateException e) {
            throw new StackUnusableException(e.getMessage(), e);
        }
    }
}
