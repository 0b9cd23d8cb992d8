package io.tdnet.twin.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one signed request asks for: its operation and the IAM authorizations it needs, read from
 * X-Amz-Target and the JSON body (SQS, DynamoDB), the method and path-style path (S3) or the query form
 * (CloudFormation, CloudWatch), with resource ARNs in the twin's account and region.
 *
 * @param operation      the API operation
 * @param authorizations the (action, resource) pairs IAM must allow
 */
record AwsRequest(String operation, List<Authorization> authorizations) {
    /**
     * The authorizations the call needed to get the answer it got. S3 answers a GET or HEAD of a missing
     * key with 404 only to a caller allowed {@code s3:ListBucket} on the bucket, and with 403 to anyone
     * else — so a 404 there needed ListBucket too (the downloader's "is it stored yet?" HEAD relies on it).
     */
    List<Authorization> answered(int status) {
        if (status != 404 || !(operation.equals("HeadObject") || operation.equals("GetObject"))) return authorizations;
        List<Authorization> needed = new java.util.ArrayList<>(authorizations);
        String objectArn = authorizations.get(0).resource();
        String bucketArn = objectArn.substring(0, objectArn.indexOf('/'));
        needed.add(new Authorization("s3:ListBucket", bucketArn));
        return needed;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DELETE_KEY = Pattern.compile("<Key>(.*?)</Key>", Pattern.DOTALL);

    static AwsRequest read(String service, String method, String rawPath, String rawQuery, Map<String, String> headers,
                           byte[] body) throws IOException {
        return switch (service) {
            case "sqs" -> sqs(target(headers), body);
            case "dynamodb" -> dynamoDb(target(headers), body);
            case "s3" -> s3(method, rawPath, query(rawQuery), headers, body);
            default -> form(service, body);
        };
    }

    private static String target(Map<String, String> headers) {
        String target = headers.getOrDefault("x-amz-target", "");
        return target.substring(target.indexOf('.') + 1);
    }

    private static AwsRequest sqs(String operation, byte[] body) throws IOException {
        JsonNode json = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        String resource = json.has("QueueUrl") ? queueArn(json.get("QueueUrl").asText())
                : json.has("QueueName") ? arn("sqs", json.get("QueueName").asText()) : "*";
        // the batch APIs have no IAM actions of their own: SendMessageBatch needs sqs:SendMessage, etc.
        String action = operation.endsWith("Batch") ? operation.substring(0, operation.length() - "Batch".length()) : operation;
        return new AwsRequest(operation, List.of(new Authorization("sqs:" + action, resource)));
    }

    static String queueArn(String queueUrl) {
        return arn("sqs", queueUrl.substring(queueUrl.lastIndexOf('/') + 1));
    }

    private static AwsRequest dynamoDb(String operation, byte[] body) throws IOException {
        JsonNode json = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        List<Authorization> needed = new ArrayList<>();
        switch (operation) {
            case "TransactWriteItems", "TransactGetItems" -> {
                for (JsonNode item : json.path("TransactItems")) {
                    String kind = item.fieldNames().next();
                    String action = switch (kind) {
                        case "ConditionCheck" -> "ConditionCheckItem";
                        case "Get" -> "GetItem";
                        default -> kind + "Item"; // Put, Update, Delete
                    };
                    needed.add(new Authorization("dynamodb:" + action, tableArn(item.get(kind).path("TableName").asText(), null)));
                }
            }
            case "BatchGetItem", "BatchWriteItem" ->
                json.path("RequestItems").fieldNames().forEachRemaining(t ->
                        needed.add(new Authorization("dynamodb:" + operation, tableArn(t, null))));
            default -> needed.add(new Authorization("dynamodb:" + operation,
                    json.has("TableName") ? tableArn(json.get("TableName").asText(),
                            json.has("IndexName") ? json.get("IndexName").asText() : null) : "*"));
        }
        return new AwsRequest(operation, needed);
    }

    private static String tableArn(String table, String index) {
        return arn("dynamodb", "table/" + table + (index == null ? "" : "/index/" + index));
    }

    /** S3, path-style: {@code /bucket} or {@code /bucket/key}. */
    private static AwsRequest s3(String method, String rawPath, Map<String, String> query, Map<String, String> headers,
                                 byte[] body) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        int slash = path.indexOf('/');
        String bucket = decode(slash < 0 ? path : path.substring(0, slash));
        String key = slash < 0 || slash == path.length() - 1 ? null : decode(path.substring(slash + 1));
        String bucketArn = "arn:aws:s3:::" + bucket;
        if (key == null) {
            String op = switch (method) {
                case "HEAD" -> "HeadBucket";
                case "PUT" -> "CreateBucket";
                case "DELETE" -> "DeleteBucket";
                case "POST" -> query.containsKey("delete") ? "DeleteObjects" : "PostBucket";
                default -> query.containsKey("uploads") ? "ListMultipartUploads"
                        : query.containsKey("location") ? "GetBucketLocation" : "ListObjectsV2";
            };
            List<Authorization> needed = new ArrayList<>();
            switch (op) {
                case "DeleteObjects" -> {
                    Matcher m = DELETE_KEY.matcher(new String(body, StandardCharsets.UTF_8));
                    while (m.find()) needed.add(new Authorization("s3:DeleteObject", bucketArn + "/" + m.group(1)));
                }
                case "ListMultipartUploads" -> needed.add(new Authorization("s3:ListBucketMultipartUploads", bucketArn));
                case "CreateBucket" -> needed.add(new Authorization("s3:CreateBucket", bucketArn));
                case "DeleteBucket" -> needed.add(new Authorization("s3:DeleteBucket", bucketArn));
                case "GetBucketLocation" -> needed.add(new Authorization("s3:GetBucketLocation", bucketArn));
                default -> needed.add(new Authorization("s3:ListBucket", bucketArn));
            }
            return new AwsRequest(op, needed);
        }
        String objectArn = bucketArn + "/" + key;
        boolean upload = query.containsKey("uploadId");
        return switch (method) {
            case "GET" -> upload ? one("ListParts", "s3:ListMultipartUploadParts", objectArn) : one("GetObject", "s3:GetObject", objectArn);
            case "HEAD" -> one("HeadObject", "s3:GetObject", objectArn);
            case "DELETE" -> upload ? one("AbortMultipartUpload", "s3:AbortMultipartUpload", objectArn)
                    : one("DeleteObject", "s3:DeleteObject", objectArn);
            case "POST" -> one(query.containsKey("uploads") ? "CreateMultipartUpload" : "CompleteMultipartUpload", "s3:PutObject", objectArn);
            default -> {
                String source = headers.get("x-amz-copy-source");
                if (source != null) {
                    String src = decode(source.startsWith("/") ? source.substring(1) : source);
                    yield new AwsRequest(upload ? "UploadPartCopy" : "CopyObject", List.of(
                            new Authorization("s3:PutObject", objectArn),
                            new Authorization("s3:GetObject", "arn:aws:s3:::" + src.replaceAll("\\?.*$", ""))));
                }
                yield one(upload ? "UploadPart" : "PutObject", "s3:PutObject", objectArn);
            }
        };
    }

    /** Query-protocol services (CloudFormation, CloudWatch): {@code Action=...} in the form body. */
    private static AwsRequest form(String service, byte[] body) {
        Map<String, String> form = query(new String(body, StandardCharsets.UTF_8));
        String action = form.getOrDefault("Action", "Unknown");
        String iamService = service.equals("monitoring") ? "cloudwatch" : service;
        String resource = "*";
        Map<String, String> context = new LinkedHashMap<>();
        if (service.equals("cloudformation") && form.containsKey("StackName")) {
            resource = arn("cloudformation", "stack/" + form.get("StackName") + "/*");
        }
        if (iamService.equals("cloudwatch") && form.containsKey("Namespace")) {
            context.put("cloudwatch:namespace", form.get("Namespace"));
        }
        return new AwsRequest(action, List.of(new Authorization(iamService + ":" + action, resource, context)));
    }

    /** The form or query string's first value per name. */
    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    static Optional<String> formValue(byte[] body, String name) {
        return Optional.ofNullable(query(new String(body, StandardCharsets.UTF_8)).get(name));
    }

    private static AwsRequest one(String operation, String action, String resource) {
        return new AwsRequest(operation, List.of(new Authorization(action, resource)));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + TwinAccount.REGION + ":" + TwinAccount.ACCOUNT + ":" + resource;
    }
}
