package io.tdnet.twin.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tdnet.model.http.NoDelayHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API of one function environment, as the runtime interface client (RIC) in the child
 * JVM talks to it, on 127.0.0.1 (the RIC reads {@code AWS_LAMBDA_RUNTIME_API}):
 * <ul>
 *   <li>{@code GET /2018-06-01/runtime/invocation/next} blocks until {@link #submit} queues an invocation,
 *       then answers with the event and every header Lambda sends (the RIC's native client crashes the JVM
 *       when one is missing);</li>
 *   <li>{@code POST .../invocation/{id}/response|error} completes that invocation (202);</li>
 *   <li>{@code POST /2018-06-01/runtime/init/error} and {@code .../restore/error} record an init failure (202);</li>
 *   <li>{@code GET /2018-06-01/runtime/restore/next} (SnapStart) runs the restore hook — new credentials —
 *       and answers 200, after which the RIC runs the CRaC {@code afterRestore} hooks and polls for work.</li>
 * </ul>
 * Every call is recorded in order ({@link #calls()}), so tests can see the restore phase happen.
 */
final class RuntimeApiServer implements AutoCloseable {
    static final String PREFIX = "/2018-06-01/runtime";

    private final HttpServer server;
    private final ExecutorService executor;
    private final RestoreHook restoreHook;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Runs inside {@code restore/next} before it answers. */
    @FunctionalInterface
    interface RestoreHook {
        void restore() throws Exception;
    }

    /** One queued invocation: its id, event and the headers that go with it. */
    record Invocation(String requestId, String eventJson, long deadlineEpochMs, String functionArn, String traceId) {}

    /** How the runtime finished an invocation: the response body, or the error body and its type. */
    record Outcome(boolean success, String body, String errorType) {}

    private RuntimeApiServer(HttpServer server, ExecutorService executor, RestoreHook restoreHook) {
        this.server = server;
        this.executor = executor;
        this.restoreHook = restoreHook;
    }

    static RuntimeApiServer start(String name, RestoreHook restoreHook) {
        try {
            HttpServer server = NoDelayHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // invocation/next blocks a thread while the runtime waits; a few more serve the posts.
            ExecutorService executor = Executors.newFixedThreadPool(4, CredentialAuthority.daemon("runtime-api-" + name));
            server.setExecutor(executor);
            RuntimeApiServer api = new RuntimeApiServer(server, executor, restoreHook);
            server.createContext(PREFIX + "/", api::route);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("the runtime API for " + name + " did not start", e);
        }
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes when the runtime first asks for an invocation: init (and restore) are done. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    /** Completes with the error body when the runtime reports an init or restore error. */
    CompletableFuture<String> initError() {
        return initError;
    }

    /** The calls the runtime made, in order, as {@code METHOD path-after-/runtime}. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    /** Queues an invocation; the future completes when the runtime posts its response or error. */
    CompletableFuture<Outcome> submit(Invocation invocation) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        outcomes.put(invocation.requestId(), outcome);
        pending.add(invocation);
        return outcome;
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
        outcomes.values().forEach(f -> f.cancel(false));
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            calls.add(method + " " + path);
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if ("GET".equals(method) && path.equals("/invocation/next")) {
                next(exchange);
            } else if ("GET".equals(method) && path.equals("/restore/next")) {
                restore(exchange);
            } else if ("POST".equals(method) && (path.equals("/init/error") || path.equals("/restore/error"))) {
                initError.complete(errorText(exchange, body));
                respond(exchange, 202, "{\"status\":\"OK\"}");
            } else if ("POST".equals(method) && path.startsWith("/invocation/")) {
                finish(exchange, path, body);
            } else {
                respond(exchange, 404, "{\"errorMessage\":\"unknown runtime API path " + path + "\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        ready.complete(null);
        Invocation invocation = null;
        try {
            while (invocation == null && !closed) {
                invocation = pending.poll(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            respond(exchange, 500, "{\"errorMessage\":\"environment shutting down\"}");
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMs()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", invocation.functionArn());
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
        // Empty JSON objects, not absent: the RIC's native client needs every header (see docs/TWIN.md).
        headers.set("Lambda-Runtime-Client-Context", "{}");
        headers.set("Lambda-Runtime-Cognito-Identity", "{}");
        respond(exchange, 200, invocation.eventJson());
    }

    private void restore(HttpExchange exchange) throws IOException {
        try {
            restoreHook.restore();
            respond(exchange, 200, "");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            initError.complete("restore failed in the twin: " + e);
            respond(exchange, 500, "{\"errorMessage\":\"restore failed\"}");
        }
    }

    private void finish(HttpExchange exchange, String path, String body) throws IOException {
        String[] parts = path.split("/"); // "", "invocation", id, "response"|"error"
        CompletableFuture<Outcome> outcome = parts.length == 4 ? outcomes.remove(parts[2]) : null;
        if (outcome == null) {
            respond(exchange, 400, "{\"errorMessage\":\"no such invocation: " + path + "\"}");
            return;
        }
        boolean success = parts[3].equals("response");
        String errorType = success ? null : exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        outcome.complete(new Outcome(success, body, errorType));
        respond(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static String errorText(HttpExchange exchange, String body) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null ? body : type + ": " + body;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
