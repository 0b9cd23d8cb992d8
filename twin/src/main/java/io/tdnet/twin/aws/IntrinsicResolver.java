package io.tdnet.twin.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a template's intrinsic functions (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split,
 * Fn::If, Fn::FindInMap, conditions) and pseudo parameters as CloudFormation would in the twin's fixed
 * account and region: each resource's Ref and attributes follow the documented return values of its type.
 * Anything it cannot evaluate fails with the path of the value, never with a guess.
 */
final class IntrinsicResolver {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final JsonNode template;
    private final String stackName;

    IntrinsicResolver(JsonNode template, String stackName) {
        this.template = template;
        this.stackName = stackName;
    }

    /** The value with every intrinsic evaluated; {@code AWS::NoValue} entries are dropped from objects and arrays. */
    JsonNode resolve(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return MissingNode.getInstance();
        }
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode item : value) {
                JsonNode r = resolve(item);
                if (!r.isMissingNode()) {
                    out.add(r);
                }
            }
            return out;
        }
        if (!value.isObject()) {
            return value;
        }
        if (value.size() == 1) {
            String key = value.fieldNames().next();
            if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
                return intrinsic(key, value.get(key));
            }
        }
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = resolve(e.getValue());
            if (!r.isMissingNode()) {
                out.set(e.getKey(), r);
            }
        }
        return out;
    }

    /** The value resolved to a string (fails if it is not a scalar). */
    String text(JsonNode value) {
        JsonNode r = resolve(value);
        if (!r.isValueNode()) {
            throw new UnresolvableTemplateException("not a scalar: " + value);
        }
        return r.asText();
    }

    /** Whether a named condition holds (parameters at their defaults). */
    boolean condition(String name) {
        JsonNode definition = template.path("Conditions").path(name);
        if (definition.isMissingNode()) {
            throw new UnresolvableTemplateException("no condition " + name);
        }
        return resolve(definition).asBoolean();
    }

    private JsonNode intrinsic(String function, JsonNode arg) {
        switch (function) {
            case "Ref":
                return ref(arg.asText());
            case "Fn::GetAtt": {
                String[] parts = arg.isArray()
                        ? new String[] {arg.get(0).asText(), text(arg.get(1))}
                        : arg.asText().split("\\.", 2);
                return TextNode.valueOf(attribute(parts[0], parts[1]));
            }
            case "Fn::Join": {
                String delimiter = arg.get(0).asText();
                StringBuilder out = new StringBuilder();
                JsonNode parts = resolve(arg.get(1));
                for (int i = 0; i < parts.size(); i++) {
                    if (i > 0) out.append(delimiter);
                    out.append(parts.get(i).asText());
                }
                return TextNode.valueOf(out.toString());
            }
            case "Fn::Sub":
                return TextNode.valueOf(sub(arg));
            case "Fn::Select": {
                int index = Integer.parseInt(text(arg.get(0)));
                JsonNode list = resolve(arg.get(1));
                if (!list.isArray() || index < 0 || index >= list.size()) {
                    throw new UnresolvableTemplateException("Fn::Select " + index + " out of " + list);
                }
                return list.get(index);
            }
            case "Fn::Split": {
                ArrayNode out = NODES.arrayNode();
                for (String s : text(arg.get(1)).split(Pattern.quote(arg.get(0).asText()), -1)) {
                    out.add(s);
                }
                return out;
            }
            case "Fn::If":
                return condition(arg.get(0).asText()) ? resolve(arg.get(1)) : resolve(arg.get(2));
            case "Fn::Equals":
                return NODES.booleanNode(resolve(arg.get(0)).equals(resolve(arg.get(1))));
            case "Fn::Not":
                return NODES.booleanNode(!resolve(arg.get(0)).asBoolean());
            case "Fn::And": {
                boolean all = true;
                for (JsonNode c : arg) all &= resolve(c).asBoolean();
                return NODES.booleanNode(all);
            }
            case "Fn::Or": {
                boolean any = false;
                for (JsonNode c : arg) any |= resolve(c).asBoolean();
                return NODES.booleanNode(any);
            }
            case "Condition":
                return NODES.booleanNode(condition(arg.asText()));
            case "Fn::FindInMap":
                JsonNode found = template.path("Mappings").path(text(arg.get(0))).path(text(arg.get(1))).path(text(arg.get(2)));
                if (found.isMissingNode()) {
                    throw new UnresolvableTemplateException("Fn::FindInMap " + arg);
                }
                return found;
            default:
                throw new UnresolvableTemplateException("intrinsic " + function + " is not supported: " + arg);
        }
    }

    private String sub(JsonNode arg) {
        String format = arg.isArray() ? arg.get(0).asText() : arg.asText();
        JsonNode variables = arg.isArray() ? arg.get(1) : NODES.objectNode();
        Matcher m = SUB_VARIABLE.matcher(format);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (variables.has(name)) {
                value = text(variables.get(name));
            } else if (name.contains(".")) {
                String[] parts = name.split("\\.", 2);
                value = attribute(parts[0], parts[1]);
            } else {
                value = ref(name).asText();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    private JsonNode ref(String name) {
        switch (name) {
            case "AWS::AccountId": return TextNode.valueOf(TwinAccount.ACCOUNT);
            case "AWS::Region": return TextNode.valueOf(TwinAccount.REGION);
            case "AWS::Partition": return TextNode.valueOf("aws");
            case "AWS::URLSuffix": return TextNode.valueOf("amazonaws.com");
            case "AWS::StackName": return TextNode.valueOf(stackName);
            case "AWS::StackId": return TextNode.valueOf("arn:aws:cloudformation:" + TwinAccount.REGION + ":"
                    + TwinAccount.ACCOUNT + ":stack/" + stackName + "/00000000-0000-0000-0000-000000000000");
            case "AWS::NoValue": return MissingNode.getInstance();
            default:
        }
        JsonNode parameter = template.path("Parameters").path(name);
        if (!parameter.isMissingNode()) {
            if (!parameter.has("Default")) {
                throw new UnresolvableTemplateException("parameter " + name + " has no default");
            }
            return parameter.get("Default");
        }
        JsonNode resource = resource(name);
        String type = resource.path("Type").asText();
        JsonNode p = resource.path("Properties");
        switch (type) {
            case "AWS::SQS::Queue":
                return TextNode.valueOf("https://sqs." + TwinAccount.REGION + ".amazonaws.com/" + TwinAccount.ACCOUNT + "/"
                        + physicalName(name, p, "QueueName"));
            case "AWS::SNS::Topic":
                return TextNode.valueOf(arn("sns", physicalName(name, p, "TopicName")));
            case "AWS::Lambda::Version":
                return TextNode.valueOf(functionArn(p.get("FunctionName")) + ":1");
            case "AWS::Lambda::Alias":
                return TextNode.valueOf(functionArn(p.get("FunctionName")) + ":" + text(p.get("Name")));
            default:
                return TextNode.valueOf(physicalName(name, p, nameProperty(type)));
        }
    }

    private String attribute(String logicalId, String attribute) {
        JsonNode resource = resource(logicalId);
        String type = resource.path("Type").asText();
        JsonNode p = resource.path("Properties");
        String key = type + "." + attribute;
        switch (key) {
            case "AWS::SQS::Queue.Arn": return arn("sqs", physicalName(logicalId, p, "QueueName"));
            case "AWS::SQS::Queue.QueueName": return physicalName(logicalId, p, "QueueName");
            case "AWS::SQS::Queue.QueueUrl": return ref(logicalId).asText();
            case "AWS::DynamoDB::Table.Arn": return arn("dynamodb", "table/" + physicalName(logicalId, p, "TableName"));
            case "AWS::S3::Bucket.Arn": return "arn:aws:s3:::" + physicalName(logicalId, p, "BucketName");
            case "AWS::S3::Bucket.DomainName": return physicalName(logicalId, p, "BucketName") + ".s3.amazonaws.com";
            case "AWS::S3::Bucket.RegionalDomainName":
                return physicalName(logicalId, p, "BucketName") + ".s3." + TwinAccount.REGION + ".amazonaws.com";
            case "AWS::Lambda::Function.Arn": return arn("lambda", "function:" + physicalName(logicalId, p, "FunctionName"));
            case "AWS::Lambda::Version.Version": return "1";
            case "AWS::IAM::Role.Arn": return "arn:aws:iam::" + TwinAccount.ACCOUNT + ":role/" + physicalName(logicalId, p, "RoleName");
            case "AWS::Logs::LogGroup.Arn": return arn("logs", "log-group:" + physicalName(logicalId, p, "LogGroupName") + ":*");
            case "AWS::SNS::Topic.TopicArn": return ref(logicalId).asText();
            case "AWS::SNS::Topic.TopicName": return physicalName(logicalId, p, "TopicName");
            case "AWS::Events::Rule.Arn": return arn("events", "rule/" + physicalName(logicalId, p, "Name"));
            case "AWS::CloudWatch::Alarm.Arn": return arn("cloudwatch", "alarm:" + physicalName(logicalId, p, "AlarmName"));
            default:
                throw new UnresolvableTemplateException("Fn::GetAtt " + logicalId + "." + attribute + " (" + type + ") is not supported");
        }
    }

    private String functionArn(JsonNode functionName) {
        String name = text(functionName);
        return name.startsWith("arn:") ? name : arn("lambda", "function:" + name);
    }

    private static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + TwinAccount.REGION + ":" + TwinAccount.ACCOUNT + ":" + resource;
    }

    private JsonNode resource(String logicalId) {
        JsonNode resource = template.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new UnresolvableTemplateException("no resource or parameter " + logicalId);
        }
        return resource;
    }

    /** The resource's name property, or the name CloudFormation generates when it is absent. */
    private String physicalName(String logicalId, JsonNode properties, String nameProperty) {
        if (nameProperty != null && properties.has(nameProperty)) {
            return text(properties.get(nameProperty));
        }
        // CloudFormation: <stack>-<logical id>-<random suffix>; the suffix is fixed here, and lower case
        // for the types that require it.
        return stackName + "-" + logicalId + "-" + Integer.toHexString(logicalId.hashCode()).toUpperCase(Locale.ROOT);
    }

    private static String nameProperty(String type) {
        return switch (type) {
            case "AWS::DynamoDB::Table" -> "TableName";
            case "AWS::S3::Bucket" -> "BucketName";
            case "AWS::Lambda::Function" -> "FunctionName";
            case "AWS::IAM::Role" -> "RoleName";
            case "AWS::Logs::LogGroup" -> "LogGroupName";
            case "AWS::CloudWatch::Dashboard" -> "DashboardName";
            case "AWS::CloudWatch::Alarm" -> "AlarmName";
            case "AWS::Events::Rule" -> "Name";
            case "AWS::IAM::Policy" -> "PolicyName";
            default -> null;
        };
    }
}
