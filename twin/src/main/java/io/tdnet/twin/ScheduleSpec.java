package io.tdnet.twin;

import java.util.List;

/**
 * One {@code AWS::Events::Rule} that targets a function: invoked on demand by the twin with its Input.
 *
 * @param ruleLogicalId      the rule's logical id
 * @param scheduleExpression ScheduleExpression, as written
 * @param functionLogicalIds the functions it targets
 * @param input              the target's Input JSON, or null (EventBridge then sends the scheduled event)
 */
public record ScheduleSpec(String ruleLogicalId, String scheduleExpression, List<String> functionLogicalIds, String input) {
    public ScheduleSpec {
        functionLogicalIds = List.copyOf(functionLogicalIds);
    }
}
