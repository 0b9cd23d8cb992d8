package io.tdnet.twin.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tdnet.model.http.NoDelayHttpServer;
import io.tdnet.twin.KeyRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twin's one AWS endpoint, on 127.0.0.1 only: every twin client (function environments through
 * {@code TDNET_AWS_ENDPOINT_URL}, event-source pollers, the CLI through {@code --endpoint-url}) talks to
 * it. Each request's SigV4 {@code Authorization} header names the access key and, in its credential
 * scope, the service; the key's principal comes from the {@link KeyRegistry} (an unknown or revoked key
 * gets the error AWS gives for it, and the call is recorded as refused), the signature is verified with
 * the key's secret ({@link SigV4Verifier}), the call is recorded with the IAM authorizations it needs,
 * and it is forwarded to ElasticMQ (sqs), DynamoDB Local (dynamodb) or S3Proxy (s3). CloudFormation
 * {@code DescribeStacks} is answered here for the twin's stack with the template's resolved Outputs.
 * The backends do not check signatures; they are reachable on loopback only, as is this endpoint.
 *
 * <p>Just over 300 lines: parsing, attribution and forwarding of one request read best in sequence.
 */
public final class TwinGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TwinGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/([^/]+)/([^/]+)/([^/]+)/aws4_request");
    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]+)</Code>");
    /** Headers the JDK client sets itself (or refuses); everything else goes to the backend as sent. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");
    private static final Set<String> NOT_RETURNED = Set.of("content-length", "transfer-encoding", "connection", "keep-alive", "date");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "twin-gateway");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(threads).build();
    private final KeyRegistry keys;
    private final Map<String, URI> backends;
    private final Map<String, URI> tableBackends;
    private final String stackName;
    private final Map<String, String> stackOutputs;
    private final ConcurrentLinkedQueue<RecordedCall> calls = new ConcurrentLinkedQueue<>();

    private TwinGateway(HttpServer server, KeyRegistry keys, Map<String, URI> backends, Map<String, URI> tableBackends,
                        String stackName, Map<String, String> stackOutputs) {
        this.server = server;
        this.keys = keys;
        this.backends = Map.copyOf(backends);
        this.tableBackends = Map.copyOf(tableBackends);
        this.stackName = stackName;
        this.stackOutputs = Map.copyOf(stackOutputs);
    }

    /**
     * Binds 127.0.0.1 on an ephemeral port.
     *
     * @param backends     SigV4 service name ({@code sqs}, {@code dynamodb}, {@code s3}) → emulator endpoint
     * @param stackName    the stack DescribeStacks answers for
     * @param stackOutputs its resolved Outputs
     */
    public static TwinGateway start(KeyRegistry keys, Map<String, URI> backends, String stackName,
                                    Map<String, String> stackOutputs) throws IOException {
        return start(keys, backends, Map.of(), stackName, stackOutputs);
    }

    /**
     * As {@link #start(KeyRegistry, Map, String, Map)}, with some DynamoDB tables served by an engine of their
     * own: a request whose every table is one of {@code tableBackends} goes to that table's endpoint.
     *
     * @param tableBackends DynamoDB table name → emulator endpoint, for tables not on {@code backends}' dynamodb
     */
    public static TwinGateway start(KeyRegistry keys, Map<String, URI> backends, Map<String, URI> tableBackends,
                                    String stackName, Map<String, String> stackOutputs) throws IOException {
        HttpServer server = NoDelayHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        TwinGateway gateway = new TwinGateway(server, keys, backends, tableBackends, stackName, stackOutputs);
        server.setExecutor(gateway.threads);
        server.createContext("/", gateway::handle);
        server.start();
        log.info("twin gateway on {}", gateway.endpoint());
        return gateway;
    }

    /** The URL every twin client uses as its endpoint override. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every call so far, in arrival order. */
    public List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    /** Forgets the recorded calls (a test starting a fresh day). */
    public void clearCalls() {
        calls.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant at = Instant.now();
        try (exchange) {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String authorization = headers.getOrDefault("authorization", "");
            Matcher credential = CREDENTIAL.matcher(authorization);
            if (!authorization.startsWith("AWS4-HMAC-SHA256 ") || !credential.find()) {
                reply(exchange, 403, "text/plain", "the twin accepts SigV4-signed requests only");
                return;
            }
            String accessKey = credential.group(1);
            String service = credential.group(4);
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            boolean streamed = service.equals("s3") && (method.equals("PUT") || method.equals("POST") && uri.getRawQuery() != null
                    && uri.getRawQuery().contains("uploadId"));
            byte[] body = streamed ? new byte[0] : exchange.getRequestBody().readAllBytes();
            Optional<String> principal = keys.principalOf(accessKey);
            if (principal.isEmpty()) {
                calls.add(new RecordedCall(at, "refused:" + accessKey, service, "?", List.of(), 403, refusedCode(service)));
                refuse(exchange, service, refusedCode(service), keys.whyRefused(accessKey));
                return;
            }
            Optional<String> mismatch = SigV4Verifier.verify(method, uri.getRawPath(), uri.getRawQuery(), headers,
                    streamed ? null : body, keys.secretOf(accessKey).orElse(""));
            if (mismatch.isPresent()) {
                calls.add(new RecordedCall(at, principal.get(), service, "?", List.of(), 403, "SignatureDoesNotMatch"));
                refuse(exchange, service, "SignatureDoesNotMatch", mismatch.get());
                return;
            }
            AwsRequest request = AwsRequest.read(service, method, uri.getRawPath(), uri.getRawQuery(), headers, body);
            // recorded before the answer goes out, so whoever has the answer finds the call in calls()
            Answered record = (status, error) -> calls.add(
                    new RecordedCall(at, principal.get(), service, request.operation(), request.answered(status), status, error));
            if (service.equals("cloudformation")) {
                describeStacks(exchange, request, body, record);
            } else if (backends.containsKey(service)) {
                forward(exchange, backendOf(service, request), method, uri, headers, body, streamed, service, record);
            } else {
                record.with(400, "UnsupportedService");
                refuse(exchange, service, "UnsupportedService", "the twin does not serve " + service);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("gateway request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    /** The service's emulator — or, for a DynamoDB request on tables served apart, theirs. */
    private URI backendOf(String service, AwsRequest request) {
        if (!service.equals("dynamodb") || tableBackends.isEmpty()) return backends.get(service);
        java.util.Set<URI> apart = new java.util.HashSet<>();
        for (Authorization a : request.authorizations()) {
            int at = a.resource().indexOf(":table/");
            String table = at < 0 ? null : a.resource().substring(at + ":table/".length()).split("/", 2)[0];
            URI backend = table == null ? null : tableBackends.get(table);
            if (backend == null) return backends.get(service);
            apart.add(backend);
        }
        return apart.size() == 1 ? apart.iterator().next() : backends.get(service);
    }

    /** How a call is recorded once its answer (status, error code) is known. */
    @FunctionalInterface
    private interface Answered {
        void with(int status, String errorCode);
    }

    /** Forwards and streams the answer back, recording the call before the answer goes out. */
    private void forward(HttpExchange exchange, URI backend, String method, URI uri, Map<String, String> headers,
                         byte[] body, boolean streamed, String service, Answered record) throws IOException {
        String target = backend + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HttpRequest.BodyPublisher publisher;
        if (streamed) {
            String declared = headers.get("content-length");
            InputStream in = exchange.getRequestBody();
            if (declared == null) {
                publisher = HttpRequest.BodyPublishers.ofInputStream(() -> in); // chunked in, chunked on
            } else if (Long.parseLong(declared) == 0) {
                publisher = HttpRequest.BodyPublishers.noBody();
            } else {
                publisher = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> in),
                        Long.parseLong(declared));
            }
        } else {
            publisher = body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        }
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(target)).method(method, publisher).timeout(Duration.ofMinutes(5));
        headers.forEach((k, v) -> {
            if (!NOT_FORWARDED.contains(k)) {
                try {
                    out.header(k, v);
                } catch (IllegalArgumentException restricted) {
                    // a header the JDK client manages itself
                }
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = client.send(out.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted forwarding to " + service, e);
        }
        response.headers().map().forEach((k, v) -> {
            if (!NOT_RETURNED.contains(k.toLowerCase(Locale.ROOT))) exchange.getResponseHeaders().put(k, v);
        });
        int status = response.statusCode();
        try (InputStream in = response.body()) {
            if (status >= 300) {
                byte[] errorBody = in.readAllBytes();
                record.with(status, errorCode(service, errorBody, response));
                exchange.sendResponseHeaders(status, errorBody.length == 0 ? -1 : errorBody.length);
                if (errorBody.length > 0) exchange.getResponseBody().write(errorBody);
            } else if (method.equals("HEAD") || status == 204) {
                record.with(status, "");
                response.headers().firstValue("content-length").ifPresent(l -> exchange.getResponseHeaders().set("Content-Length", l));
                exchange.sendResponseHeaders(status, -1);
            } else {
                long length = response.headers().firstValueAsLong("content-length").orElse(-1);
                record.with(status, "");
                exchange.sendResponseHeaders(status, length == 0 ? -1 : length < 0 ? 0 : length);
                try (OutputStream os = exchange.getResponseBody()) {
                    in.transferTo(os);
                }
            }
        }
    }

    private static String errorCode(String service, byte[] body, HttpResponse<?> response) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (service.equals("s3")) {
            Matcher m = XML_CODE.matcher(text);
            return m.find() ? m.group(1) : "HTTP " + response.statusCode();
        }
        try {
            String type = JSON.readTree(body).path("__type").asText("HTTP " + response.statusCode());
            return type.substring(type.indexOf('#') + 1);
        } catch (IOException notJson) {
            return "HTTP " + response.statusCode();
        }
    }

    /** DescribeStacks for the twin's stack; anything else is a ValidationError as on AWS. */
    private void describeStacks(HttpExchange exchange, AwsRequest request, byte[] body, Answered record) throws IOException {
        String asked = AwsRequest.formValue(body, "StackName").orElse(stackName);
        if (!request.operation().equals("DescribeStacks") || !asked.equals(stackName)) {
            String message = request.operation().equals("DescribeStacks") ? "Stack with id " + asked + " does not exist"
                    : "the twin answers DescribeStacks only";
            record.with(400, "ValidationError");
            replyXml(exchange, 400, "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error>"
                    + "<Type>Sender</Type><Code>ValidationError</Code><Message>" + xml(message) + "</Message></Error>"
                    + "<RequestId>twin</RequestId></ErrorResponse>");
            return;
        }
        StringBuilder outputs = new StringBuilder();
        new TreeMap<>(stackOutputs).forEach((k, v) -> outputs.append("<member><OutputKey>").append(xml(k))
                .append("</OutputKey><OutputValue>").append(xml(v)).append("</OutputValue></member>"));
        record.with(200, "");
        replyXml(exchange, 200, "<DescribeStacksResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
                + "<DescribeStacksResult><Stacks><member><StackName>" + xml(stackName) + "</StackName>"
                + "<StackId>arn:aws:cloudformation:" + TwinAccount.REGION + ":" + TwinAccount.ACCOUNT + ":stack/" + xml(stackName)
                + "/00000000-0000-0000-0000-000000000000</StackId><CreationTime>2026-01-01T00:00:00Z</CreationTime>"
                + "<StackStatus>CREATE_COMPLETE</StackStatus><Outputs>" + outputs + "</Outputs></member></Stacks>"
                + "</DescribeStacksResult><ResponseMetadata><RequestId>twin</RequestId></ResponseMetadata></DescribeStacksResponse>");
    }

    private static String refusedCode(String service) {
        return switch (service) {
            case "s3" -> "InvalidAccessKeyId";
            case "dynamodb" -> "UnrecognizedClientException";
            default -> "InvalidClientTokenId";
        };
    }

    /** The error shape each protocol's SDK parses. */
    private static void refuse(HttpExchange exchange, String service, String code, String message) throws IOException {
        switch (service) {
            case "s3" -> replyXml(exchange, 403, "<Error><Code>" + code + "</Code><Message>" + xml(message) + "</Message></Error>");
            case "dynamodb", "sqs" -> {
                exchange.getResponseHeaders().set("x-amzn-query-error", code + ";Sender");
                reply(exchange, service.equals("dynamodb") ? 400 : 403, "application/x-amz-json-1.0",
                        JSON.createObjectNode().put("__type", "com.amazon.coral.service#" + code).put("message", message).toString());
            }
            default -> replyXml(exchange, 403, "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                    + xml(message) + "</Message></Error><RequestId>twin</RequestId></ErrorResponse>");
        }
    }

    private static void replyXml(HttpExchange exchange, int status, String xml) throws IOException {
        reply(exchange, status, "text/xml", xml);
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1); // a HEAD answer has no body; the SDK reads the status
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
