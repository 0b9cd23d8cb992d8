package io.tdnet.twin.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tdnet.twin.EventSourceSpec;
import io.tdnet.twin.FunctionSpec;
import io.tdnet.twin.ScheduleSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The synthesized CloudFormation template, the twin's only source: functions, event sources, schedules,
 * queues, tables, buckets, role policies, outputs, alarms and dashboard metrics, every value resolved as
 * CloudFormation would with {@link TwinAccount}. Parsing resolves everything eagerly, so a template the
 * twin cannot read fails at load with {@link UnresolvableTemplateException}, not halfway through a run.
 * Over 300 lines because each resource type's reading is short and belongs with the others.
 */
public final class CloudFormationTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FUNCTION_ARN = Pattern.compile("arn:aws:lambda:[^:]+:[^:]+:function:([^:]+)(:.*)?");
    /** {@code SEARCH('Namespace="N" MetricName="M"', ...)}: any dimensions. */
    private static final Pattern SEARCH = Pattern.compile(
            "SEARCH\\('Namespace=\"([^\"]+)\" MetricName=\"([^\"]+)\"'.*", Pattern.DOTALL);
    /** {@code SEARCH('{N,D1,D2} MetricName="M"', ...)}: exactly the dimension names D1, D2 (a schema search). */
    private static final Pattern SCHEMA_SEARCH = Pattern.compile(
            "SEARCH\\('\\{([^,}]+)((?:,[^,}]+)*)} MetricName=\"([^\"]+)\"'.*", Pattern.DOTALL);

    private static final java.util.Set<String> READ = java.util.Set.of("AWS::SQS::Queue", "AWS::DynamoDB::Table",
            "AWS::S3::Bucket", "AWS::Lambda::Function", "AWS::IAM::Policy", "AWS::IAM::Role", "AWS::CloudWatch::Alarm",
            "AWS::CloudWatch::Dashboard");

    private final String stackName;
    private final JsonNode template;
    private final Map<String, Path> assets;
    private final IntrinsicResolver resolver;
    private final List<FunctionSpec> functions = new ArrayList<>();
    private final List<EventSourceSpec> eventSources = new ArrayList<>();
    private final List<ScheduleSpec> schedules = new ArrayList<>();
    private final List<QueueDeclaration> queues = new ArrayList<>();
    private final List<TableDeclaration> tables = new ArrayList<>();
    private final List<String> buckets = new ArrayList<>();
    private final Map<String, List<RoleStatement>> statementsByRole = new LinkedHashMap<>();
    private final Map<String, String> outputs = new LinkedHashMap<>();
    private final List<MetricReference> alarmMetrics = new ArrayList<>();
    private final List<MetricReference> dashboardMetrics = new ArrayList<>();

    private CloudFormationTemplate(JsonNode template, Map<String, Path> assets, String stackName) {
        this.stackName = stackName;
        this.template = template;
        this.assets = Map.copyOf(assets);
        this.resolver = new IntrinsicResolver(template, stackName);
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            JsonNode resource = e.getValue();
            if (resource.has("Condition") && !resolver.condition(resource.get("Condition").asText())) {
                continue;
            }
            String type = resource.path("Type").asText();
            if (!READ.contains(type)) {
                continue; // e.g. queue and bucket policies, permissions: not part of the twin
            }
            JsonNode p = resolver.resolve(resource.path("Properties"));
            switch (type) {
                case "AWS::SQS::Queue" -> queues.add(queue(id, p));
                case "AWS::DynamoDB::Table" -> tables.add(new TableDeclaration(id, required(p, "TableName", id),
                        "arn:aws:dynamodb:" + TwinAccount.REGION + ":" + TwinAccount.ACCOUNT + ":table/" + required(p, "TableName", id), p));
                case "AWS::S3::Bucket" -> buckets.add(resolver.text(JSON.createObjectNode().put("Ref", id)));
                case "AWS::Lambda::Function" -> functions.add(function(id, p, assets));
                case "AWS::IAM::Policy" -> {
                    for (JsonNode role : p.path("Roles")) {
                        statementsByRole.computeIfAbsent(roleLogicalId(role.asText()), r -> new ArrayList<>())
                                .addAll(statements(id, p.path("PolicyDocument")));
                    }
                }
                case "AWS::IAM::Role" -> {
                    for (JsonNode policy : p.path("Policies")) {
                        statementsByRole.computeIfAbsent(id, r -> new ArrayList<>())
                                .addAll(statements(id, policy.path("PolicyDocument")));
                    }
                }
                case "AWS::CloudWatch::Alarm" -> alarmMetrics.addAll(alarm(id, p));
                case "AWS::CloudWatch::Dashboard" -> dashboardMetrics.addAll(dashboard(id, p));
                default -> { }
            }
        }
        // Event sources and rules point at functions (through aliases): read them once functions are known.
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String type = e.getValue().path("Type").asText();
            if (type.equals("AWS::Lambda::EventSourceMapping")) {
                eventSources.add(eventSource(e.getKey(), resolver.resolve(e.getValue().path("Properties"))));
            } else if (type.equals("AWS::Events::Rule")) {
                schedule(e.getKey(), resolver.resolve(e.getValue().path("Properties"))).ifPresent(schedules::add);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Outputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().has("Condition") && !resolver.condition(e.getValue().get("Condition").asText())) {
                continue;
            }
            outputs.put(e.getKey(), resolver.text(e.getValue().get("Value")));
        }
    }

    /**
     * Reads the template and the asset mapping (code asset S3 key → shaded jar) infra's build wrote.
     *
     * @throws UnresolvableTemplateException if anything in it cannot be resolved
     */
    public static CloudFormationTemplate load(Path templateFile, Path assetsFile, String stackName) {
        try {
            Map<String, Path> assets = new LinkedHashMap<>();
            JSON.readTree(assetsFile.toFile()).fields().forEachRemaining(e -> assets.put(e.getKey(), Path.of(e.getValue().asText())));
            return parse(JSON.readTree(templateFile.toFile()), assets, stackName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the twin template " + templateFile + " / " + assetsFile
                    + " (infra's package phase writes them)", e);
        }
    }

    /** Resolves an already parsed template (e.g. a modified copy in a test). */
    public static CloudFormationTemplate parse(JsonNode template, Map<String, Path> assets, String stackName) {
        return new CloudFormationTemplate(template, assets, stackName);
    }

    public String stackName() { return stackName; }
    /** The raw template, for a test that feeds a modified copy. */
    public JsonNode json() { return template.deepCopy(); }
    public List<FunctionSpec> functions() { return List.copyOf(functions); }
    public List<EventSourceSpec> eventSources() { return List.copyOf(eventSources); }
    public List<ScheduleSpec> schedules() { return List.copyOf(schedules); }
    public List<QueueDeclaration> queues() { return List.copyOf(queues); }
    public List<TableDeclaration> tables() { return List.copyOf(tables); }
    public List<String> buckets() { return List.copyOf(buckets); }
    public Map<String, String> outputs() { return Map.copyOf(outputs); }
    public List<MetricReference> alarmMetrics() { return List.copyOf(alarmMetrics); }
    public List<MetricReference> dashboardMetrics() { return List.copyOf(dashboardMetrics); }

    /** The statements of the role a function runs with (empty if none). */
    public List<RoleStatement> statementsOf(String functionLogicalId) {
        FunctionSpec fn = function(functionLogicalId);
        return List.copyOf(statementsByRole.getOrDefault(fn.roleLogicalId(), List.of()));
    }

    public FunctionSpec function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + logicalId + " in the template"));
    }

    /** The same template with another stack name (e.g. a modified copy from {@link #json()}) and this one's assets. */
    public CloudFormationTemplate withJson(JsonNode changed) {
        return parse(changed, assets, stackName);
    }

    /**
     * A copy with every function's environment variable {@code variable} (where set) changed: what a
     * redeploy with another context value gives (the {@code --rate} option of {@code ./tdnet twin}).
     */
    public CloudFormationTemplate withEnvironmentValue(String variable, String value) {
        JsonNode copy = template.deepCopy();
        for (JsonNode resource : copy.path("Resources")) {
            JsonNode vars = resource.path("Properties").path("Environment").path("Variables");
            if (resource.path("Type").asText().equals("AWS::Lambda::Function") && vars.has(variable)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) vars).put(variable, value);
            }
        }
        return parse(copy, assets, stackName);
    }

    private QueueDeclaration queue(String id, JsonNode p) {
        JsonNode redrive = p.path("RedrivePolicy");
        return new QueueDeclaration(id, required(p, "QueueName", id),
                resolver.text(JSON.createObjectNode().put("Ref", id)),
                resolver.text(JSON.createObjectNode().set("Fn::GetAtt", JSON.createArrayNode().add(id).add("Arn"))),
                p.has("VisibilityTimeout") ? p.get("VisibilityTimeout").asInt() : null,
                p.has("MessageRetentionPeriod") ? p.get("MessageRetentionPeriod").asInt() : null,
                redrive.has("deadLetterTargetArn") ? redrive.get("deadLetterTargetArn").asText() : null,
                redrive.path("maxReceiveCount").asInt(0));
    }

    private FunctionSpec function(String id, JsonNode p, Map<String, Path> assets) {
        String key = p.path("Code").path("S3Key").asText();
        Path jar = assets.get(key);
        if (jar == null) {
            throw new UnresolvableTemplateException("function " + id + ": code asset " + key + " is not in the asset mapping " + assets.keySet());
        }
        Map<String, String> env = new LinkedHashMap<>();
        p.path("Environment").path("Variables").fields().forEachRemaining(v -> env.put(v.getKey(), v.getValue().asText()));
        String role = p.path("Role").asText();
        return new FunctionSpec(id, required(p, "FunctionName", id), required(p, "Handler", id), jar,
                p.path("MemorySize").asInt(128), Duration.ofSeconds(p.path("Timeout").asInt(3)), env,
                "PublishedVersions".equals(p.path("SnapStart").path("ApplyOn").asText()), roleLogicalId(role));
    }

    /** Maps a role's resolved Ref (name) or ARN back to its logical id. */
    private String roleLogicalId(String nameOrArn) {
        for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().path("Type").asText().equals("AWS::IAM::Role")) continue;
            String name = resolver.text(JSON.createObjectNode().put("Ref", e.getKey()));
            if (nameOrArn.equals(name) || nameOrArn.endsWith(":role/" + name)) {
                return e.getKey();
            }
        }
        throw new UnresolvableTemplateException("no role named " + nameOrArn);
    }

    private List<RoleStatement> statements(String policyId, JsonNode document) {
        List<RoleStatement> out = new ArrayList<>();
        for (JsonNode s : document.path("Statement")) {
            out.add(new RoleStatement(policyId, s.path("Sid").asText(""), s.path("Effect").asText(),
                    strings(s.path("Action")), strings(s.path("Resource")), s.path("Condition").isMissingNode()
                            ? JSON.createObjectNode() : s.get("Condition")));
        }
        return out;
    }

    private EventSourceSpec eventSource(String id, JsonNode p) {
        String queueArn = required(p, "EventSourceArn", id);
        QueueDeclaration queue = queues.stream().filter(q -> q.arn().equals(queueArn)).findFirst()
                .orElseThrow(() -> new UnresolvableTemplateException("event source " + id + ": no queue " + queueArn));
        boolean reportFailures = false;
        for (JsonNode t : p.path("FunctionResponseTypes")) reportFailures |= t.asText().equals("ReportBatchItemFailures");
        return new EventSourceSpec(functionByNameOrArn(required(p, "FunctionName", id), id), queue.url(), queueArn,
                p.path("BatchSize").asInt(10), Duration.ofSeconds(p.path("MaximumBatchingWindowInSeconds").asInt(0)),
                p.path("ScalingConfig").path("MaximumConcurrency").asInt(1000), reportFailures);
    }

    private Optional<ScheduleSpec> schedule(String id, JsonNode p) {
        if (!p.has("ScheduleExpression")) return Optional.empty();
        List<String> targets = new ArrayList<>();
        String input = null;
        for (JsonNode t : p.path("Targets")) {
            String arn = t.path("Arn").asText();
            if (FUNCTION_ARN.matcher(arn).matches()) {
                targets.add(functionByNameOrArn(arn, id));
                input = t.has("Input") ? t.get("Input").asText() : null;
            }
        }
        return targets.isEmpty() ? Optional.empty()
                : Optional.of(new ScheduleSpec(id, p.get("ScheduleExpression").asText(), targets, input));
    }

    private String functionByNameOrArn(String nameOrArn, String referrer) {
        Matcher m = FUNCTION_ARN.matcher(nameOrArn);
        // a full ARN, or name[:qualifier] as an event source may give it
        String name = m.matches() ? m.group(1) : nameOrArn.split(":")[0];
        return functions.stream().filter(f -> f.functionName().equals(name)).map(FunctionSpec::logicalId).findFirst()
                .orElseThrow(() -> new UnresolvableTemplateException(referrer + ": no function " + nameOrArn));
    }

    private List<MetricReference> alarm(String id, JsonNode p) {
        String source = "alarm " + id;
        if (p.has("MetricName")) {
            return List.of(new MetricReference(source, p.path("Namespace").asText(), p.get("MetricName").asText(),
                    dimensions(p.path("Dimensions")), false));
        }
        List<MetricReference> out = new ArrayList<>();
        for (JsonNode query : p.path("Metrics")) {
            JsonNode metric = query.path("MetricStat").path("Metric");
            if (!metric.isMissingNode()) {
                out.add(new MetricReference(source, metric.path("Namespace").asText(), metric.path("MetricName").asText(),
                        dimensions(metric.path("Dimensions")), false));
            }
        }
        return out;
    }

    private List<MetricReference> dashboard(String id, JsonNode p) {
        JsonNode body;
        try {
            body = JSON.readTree(required(p, "DashboardBody", id));
        } catch (IOException e) {
            throw new UnresolvableTemplateException("dashboard " + id + ": body is not JSON: " + e.getMessage());
        }
        List<MetricReference> out = new ArrayList<>();
        for (JsonNode widget : body.path("widgets")) {
            String source = "dashboard " + id + " widget \"" + widget.path("properties").path("title").asText() + "\"";
            List<String> previous = List.of();
            for (JsonNode row : widget.path("properties").path("metrics")) {
                List<String> cells = new ArrayList<>();
                for (JsonNode cell : row) {
                    if (cell.isObject()) {
                        String expression = cell.path("expression").asText();
                        Matcher m = SEARCH.matcher(expression);
                        Matcher schema = SCHEMA_SEARCH.matcher(expression);
                        if (m.matches()) {
                            out.add(new MetricReference(source, m.group(1), m.group(2), Map.of(), true));
                        } else if (schema.matches()) {
                            Map<String, String> dims = new LinkedHashMap<>();
                            for (String name : schema.group(2).split(",")) {
                                if (!name.isBlank()) dims.put(name.trim(), "*");
                            }
                            out.add(new MetricReference(source, schema.group(1).trim(), schema.group(3), dims, false));
                        } else if (!expression.isEmpty()) {
                            throw new UnresolvableTemplateException(source + ": expression the twin cannot read: " + expression);
                        }
                    } else {
                        cells.add(cell.asText());
                    }
                }
                if (cells.isEmpty()) continue;
                // "..." / "." repeat the previous row's cells (the dashboard body's shorthand)
                for (int i = 0; i < cells.size(); i++) {
                    if (cells.get(i).equals(".") && i < previous.size()) cells.set(i, previous.get(i));
                }
                if (cells.size() >= 2) {
                    Map<String, String> dims = new LinkedHashMap<>();
                    for (int i = 2; i + 1 < cells.size(); i += 2) dims.put(cells.get(i), cells.get(i + 1));
                    out.add(new MetricReference(source, cells.get(0), cells.get(1), dims, false));
                }
                previous = cells;
            }
        }
        return out;
    }

    private static Map<String, String> dimensions(JsonNode list) {
        Map<String, String> dims = new LinkedHashMap<>();
        for (JsonNode d : list) dims.put(d.path("Name").asText(), d.path("Value").asText());
        return dims;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) node.forEach(n -> out.add(n.asText()));
        else if (!node.isMissingNode()) out.add(node.asText());
        return out;
    }

    private static String required(JsonNode p, String property, String logicalId) {
        JsonNode v = p.get(property);
        if (v == null || !v.isValueNode()) {
            throw new UnresolvableTemplateException(logicalId + ": " + property + " missing or unresolved");
        }
        return v.asText();
    }
}
