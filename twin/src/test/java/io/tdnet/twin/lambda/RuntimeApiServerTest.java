package io.tdnet.twin.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Runtime API as the runtime client sees it, driven over HTTP by the test instead of the client. */
class RuntimeApiServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger restores = new AtomicInteger();
    private RuntimeApiServer api = RuntimeApiServer.start("test", restores::incrementAndGet);

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void nextCarriesTheEventAndEveryHeaderAndTheResponseCompletesTheInvocation() throws Exception {
        var outcome = api.submit(new RuntimeApiServer.Invocation("req-1", "{\"Records\":[]}", 1234L,
                "arn:aws:lambda:ap-northeast-1:123456789012:function:f:1", "Root=1-abc"));

        HttpResponse<String> next = get("/invocation/next");
        assertThat(api.ready()).isCompleted();
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("{\"Records\":[]}");
        HttpHeaders headers = next.headers();
        assertThat(headers.firstValue("Lambda-Runtime-Aws-Request-Id")).contains("req-1");
        assertThat(headers.firstValue("Lambda-Runtime-Deadline-Ms")).contains("1234");
        assertThat(headers.firstValue("Lambda-Runtime-Invoked-Function-Arn")).contains("arn:aws:lambda:ap-northeast-1:123456789012:function:f:1");
        assertThat(headers.firstValue("Lambda-Runtime-Trace-Id")).contains("Root=1-abc");
        assertThat(headers.firstValue("Lambda-Runtime-Client-Context")).isPresent();
        assertThat(headers.firstValue("Lambda-Runtime-Cognito-Identity")).isPresent();

        assertThat(post("/invocation/req-1/response", "{\"ok\":true}", null).statusCode()).isEqualTo(202);
        RuntimeApiServer.Outcome done = outcome.get(5, TimeUnit.SECONDS);
        assertThat(done.success()).isTrue();
        assertThat(done.body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void anErrorPostCompletesTheInvocationAsAFunctionError() throws Exception {
        var outcome = api.submit(new RuntimeApiServer.Invocation("req-2", "{}", 1L, "arn", "t"));
        get("/invocation/next");
        assertThat(post("/invocation/req-2/error", "{\"errorMessage\":\"boom\"}", "Runtime.UserException").statusCode())
                .isEqualTo(202);
        RuntimeApiServer.Outcome done = outcome.get(5, TimeUnit.SECONDS);
        assertThat(done.success()).isFalse();
        assertThat(done.errorType()).isEqualTo("Runtime.UserException");
    }

    @Test
    void restoreRunsTheHookAndAnswers200AndCallsAreRecordedInOrder() throws Exception {
        assertThat(get("/restore/next").statusCode()).isEqualTo(200);
        assertThat(restores).hasValue(1);
        api.submit(new RuntimeApiServer.Invocation("req-3", "{}", 1L, "arn", "t"));
        get("/invocation/next");
        assertThat(api.calls()).containsExactly("GET /restore/next", "GET /invocation/next");
    }

    @Test
    void aFailingRestoreHookAnswers500AndIsAnInitError() throws Exception {
        api.close();
        api = RuntimeApiServer.start("failing", () -> {
            throw new IllegalStateException("no fresh key");
        });
        assertThat(get("/restore/next").statusCode()).isEqualTo(500);
        assertThat(api.initError().get(5, TimeUnit.SECONDS)).contains("no fresh key");
    }

    @Test
    void anInitErrorIsRecordedWithItsType() throws Exception {
        assertThat(post("/init/error", "{\"errorMessage\":\"bad\",\"errorType\":\"X\"}", "Runtime.BadFunctionCode").statusCode())
                .isEqualTo(202);
        assertThat(api.initError().get(5, TimeUnit.SECONDS)).startsWith("Runtime.BadFunctionCode: ").contains("bad");
    }

    @Test
    void anUnknownInvocationOrPathIsRefused() throws Exception {
        assertThat(post("/invocation/nope/response", "{}", null).statusCode()).isEqualTo(400);
        assertThat(get("/no/such/thing").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String errorType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (errorType != null) {
            request.header("Lambda-Runtime-Function-Error-Type", errorType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + api.hostAndPort() + RuntimeApiServer.PREFIX + path);
    }
}
