package io.tdnet.infra;

import io.tdnet.model.MetricNames;
import io.tdnet.model.Names;
import io.tdnet.model.S3Keys;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.tdnet.infra.TemplateJson.flatten;
import static io.tdnet.infra.TemplateJson.list;
import static io.tdnet.infra.TemplateJson.map;
import static io.tdnet.infra.TemplateJson.target;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least privilege, statement by statement: each function's role allows exactly the actions on exactly
 * the resources its code uses, and no {@code *}; no cloudwatch:PutMetricData (metrics are EMF log lines).
 */
class IamTest {
    private static final Set<String> CONSUME = Set.of("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility",
            "sqs:GetQueueUrl", "sqs:DeleteMessage", "sqs:GetQueueAttributes");
    private static final Set<String> LOGS = Set.of("logs:CreateLogStream", "logs:PutLogEvents");
    private final TemplateJson t = TemplateJson.prod();

    /** One allowed action on one resource, as "action resource" with references as ${logicalId}. */
    private Set<String> grants(String functionBaseName) {
        String functionId = t.idWhere("AWS::Lambda::Function", "FunctionName", Names.staged(functionBaseName, "prod"));
        String roleId = target(t.propertiesOf(functionId).get("Role"));
        Set<String> grants = new TreeSet<>();
        t.ofType("AWS::IAM::Policy").values().stream()
                .filter(p -> list(p.get("Roles")).stream().anyMatch(r -> target(r).equals(roleId)))
                .forEach(p -> list(map(p.get("PolicyDocument")).get("Statement")).forEach(s -> {
                    Map<String, Object> statement = map(s);
                    assertThat(statement.get("Effect")).isEqualTo("Allow");
                    for (Object action : list(statement.get("Action"))) {
                        for (Object resource : list(statement.get("Resource"))) {
                            grants.add(action + " " + flatten(resource));
                        }
                    }
                }));
        return grants;
    }

    private String id(String type, String property, String name) {
        return "${" + t.idWhere(type, property, Names.staged(name, "prod")) + "}";
    }

    private String queue(String name) { return id("AWS::SQS::Queue", "QueueName", name); }
    private String table(String name) { return id("AWS::DynamoDB::Table", "TableName", name); }
    private String logGroup(String function) {
        return "${" + t.idWhere("AWS::Logs::LogGroup", "LogGroupName",
                ResourceNames.logGroupName(Names.staged(function, "prod"))) + "}";
    }
    private String bucket() { return "${" + t.ofType("AWS::S3::Bucket").keySet().iterator().next() + "}"; }

    private static void add(Set<String> grants, Set<String> actions, String... resources) {
        for (String action : actions) {
            for (String resource : resources) {
                grants.add(action + " " + resource);
            }
        }
    }

    private static Set<String> dynamo(String... actions) {
        Set<String> set = new HashSet<>();
        for (String a : actions) set.add("dynamodb:" + a);
        return set;
    }

    private Set<String> common(String function) {
        Set<String> expected = new TreeSet<>();
        add(expected, LOGS, logGroup(function));
        return expected;
    }

    @Test
    void listerEnqueuesDownloadsRecordsExecutionsAndMarksWithdrawals() {
        Set<String> expected = common(ResourceNames.LISTER_FUNCTION);
        expected.add("sqs:SendMessage " + queue(Names.DOWNLOAD_QUEUE));
        String executions = table(Names.EXECUTIONS_TABLE);
        String disclosures = table(Names.DISCLOSURES_TABLE);
        add(expected, dynamo("GetItem", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem", "Query"),
                executions, executions + "/index/" + Names.EXECUTIONS_BY_DATE_INDEX);
        add(expected, dynamo("Query", "UpdateItem"),
                disclosures, disclosures + "/index/" + Names.DISCLOSURES_BY_DATE_INDEX);
        add(expected, dynamo("GetItem", "UpdateItem"), table(Names.PACER_TABLE));
        // its start check (ResourceCheck): the queue it sends to, the tables it writes
        expected.add("sqs:GetQueueAttributes " + queue(Names.DOWNLOAD_QUEUE));
        add(expected, dynamo("DescribeTable"), executions, disclosures, table(Names.PACER_TABLE));
        assertThat(grants(ResourceNames.LISTER_FUNCTION)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void reconcilerReadsExecutionsSettlesThemAndOnlyLooksIntoTheQueues() {
        Set<String> expected = common(ResourceNames.RECONCILER_FUNCTION);
        String executions = table(Names.EXECUTIONS_TABLE);
        String byDate = executions + "/index/" + Names.EXECUTIONS_BY_DATE_INDEX;
        add(expected, dynamo("Query", "GetItem", "UpdateItem"), executions);
        add(expected, dynamo("Scan"), byDate); // reconcileAll scans; only the CLI's --date queries the index
        add(expected, Set.of("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility"),
                queue(Names.DOWNLOAD_DLQ), queue(Names.PERSIST_DLQ));
        add(expected, Set.of("sqs:GetQueueAttributes"), queue(Names.DOWNLOAD_QUEUE), queue(Names.PERSIST_QUEUE));
        // its start check (ResourceCheck): every queue it looks into, both tables
        add(expected, Set.of("sqs:GetQueueAttributes"), queue(Names.DOWNLOAD_DLQ), queue(Names.PERSIST_DLQ));
        add(expected, dynamo("DescribeTable"), executions, table(Names.DISCLOSURES_TABLE));
        assertThat(grants(ResourceNames.RECONCILER_FUNCTION)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(grants(ResourceNames.RECONCILER_FUNCTION)).as("never consumes or deletes a message")
                .noneMatch(g -> g.startsWith("sqs:DeleteMessage") || g.startsWith("sqs:SendMessage"));
    }

    @Test
    void listerNeverSendsPersistMessages() {
        assertThat(grants(ResourceNames.LISTER_FUNCTION))
                .noneMatch(g -> g.contains(queue(Names.PERSIST_QUEUE)) || g.contains(queue(Names.PERSIST_DLQ)));
    }

    @Test
    void downloaderConsumesForwardsDeadLettersAndWritesOnlyPdfObjects() {
        Set<String> expected = common(ResourceNames.DOWNLOADER_FUNCTION);
        add(expected, CONSUME, queue(Names.DOWNLOAD_QUEUE));
        expected.add("sqs:SendMessage " + queue(Names.PERSIST_QUEUE));
        expected.add("sqs:SendMessage " + queue(Names.DOWNLOAD_DLQ));
        add(expected, Set.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"),
                bucket() + "/" + S3Keys.PDF_PREFIX + "*");
        // XBRL zips: HEAD and one PutObject under xbrl/ only
        add(expected, Set.of("s3:GetObject", "s3:PutObject"), bucket() + "/" + S3Keys.XBRL_PREFIX + "*");
        // HeadObject of a missing key answers 404 only with ListBucket (403 otherwise)
        expected.add("s3:ListBucket " + bucket());
        // the count and time of a failed attempt on the PENDING outcome row (DownloadAttempts)
        expected.add("dynamodb:UpdateItem " + table(Names.EXECUTIONS_TABLE));
        // the shared TDnet schedule: reserve (conditional update), read the quiet span, push back
        add(expected, dynamo("GetItem", "UpdateItem"), table(Names.PACER_TABLE));
        // its start check (ResourceCheck; HeadBucket is the ListBucket above): where it forwards and
        // dead-letters, the tables it writes
        add(expected, Set.of("sqs:GetQueueAttributes"), queue(Names.PERSIST_QUEUE), queue(Names.DOWNLOAD_DLQ));
        add(expected, dynamo("DescribeTable"), table(Names.EXECUTIONS_TABLE), table(Names.PACER_TABLE));
        assertThat(grants(ResourceNames.DOWNLOADER_FUNCTION)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void persisterConsumesDeadLettersAndTransactsOnBothTables() {
        Set<String> expected = common(ResourceNames.PERSISTER_FUNCTION);
        add(expected, CONSUME, queue(Names.PERSIST_QUEUE));
        expected.add("sqs:SendMessage " + queue(Names.PERSIST_DLQ));
        add(expected, dynamo("PutItem", "UpdateItem", "GetItem"),
                table(Names.DISCLOSURES_TABLE), table(Names.EXECUTIONS_TABLE));
        // its start check (ResourceCheck): the tables it writes
        add(expected, dynamo("DescribeTable"), table(Names.DISCLOSURES_TABLE), table(Names.EXECUTIONS_TABLE));
        // the persister never talks to TDnet, so it has no access to the pacer table
        assertThat(grants(ResourceNames.PERSISTER_FUNCTION)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void noWildcardActionOrResource() {
        List<String> offending = new ArrayList<>();
        t.ofType("AWS::IAM::Policy").forEach((id, p) ->
                list(map(p.get("PolicyDocument")).get("Statement")).forEach(s -> {
                    Map<String, Object> statement = map(s);
                    List<Object> actions = list(statement.get("Action"));
                    for (Object action : actions) {
                        if (action.toString().contains("*")) offending.add(id + " action " + action);
                    }
                    for (Object resource : list(statement.get("Resource"))) {
                        String r = flatten(resource);
                        boolean wildcardAll = r.equals("*");
                        boolean scopedObjects = r.endsWith("/" + S3Keys.PDF_PREFIX + "*")
                                || r.endsWith("/" + S3Keys.XBRL_PREFIX + "*");
                        if (wildcardAll || (r.contains("*") && !scopedObjects)) {
                            offending.add(id + " resource " + r + " for " + actions);
                        }
                    }
                }));
        assertThat(offending).isEmpty();
    }

    @Test
    void noFunctionCallsPutMetricData() {
        // EMF needs no call: CloudWatch extracts the metrics from the log lines
        t.ofType("AWS::IAM::Policy").values().forEach(p ->
                list(map(p.get("PolicyDocument")).get("Statement")).forEach(s ->
                        assertThat(list(map(s).get("Action"))).doesNotContain("cloudwatch:PutMetricData")));
    }

    @Test
    void rolesHaveNoManagedPoliciesAndTrustOnlyLambda() {
        Map<String, Map<String, Object>> roles = t.ofType("AWS::IAM::Role");
        assertThat(roles).hasSize(4);
        roles.forEach((id, role) -> {
            assertThat(role).as(id).doesNotContainKey("ManagedPolicyArns");
            assertThat(role).as(id).doesNotContainKey("Policies");
            List<Object> trust = list(map(role.get("AssumeRolePolicyDocument")).get("Statement"));
            assertThat(trust).hasSize(1);
            assertThat(map(trust.get(0)).get("Principal")).isEqualTo(Map.of("Service", "lambda.amazonaws.com"));
        });
    }
}
