package io.tdnet.twin.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One statement of a role's policy, resolved.
 *
 * @param policyLogicalId the AWS::IAM::Policy (or role) it comes from
 * @param sid             Sid, or empty
 * @param effect          Allow or Deny
 * @param actions         Action (may hold wildcards)
 * @param resources       Resource ARNs (may hold wildcards)
 * @param condition       Condition block, or an empty object
 */
public record RoleStatement(String policyLogicalId, String sid, String effect, List<String> actions,
                            List<String> resources, JsonNode condition) {
    public RoleStatement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }
}
