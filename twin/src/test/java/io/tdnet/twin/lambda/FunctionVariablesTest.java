package io.tdnet.twin.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.twin.FunctionSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionVariablesTest {
    private static final URI CREDENTIALS = URI.create("http://127.0.0.1:4000/2021-04-23/credentials");

    @Test
    void aSnapStartFunctionGetsTheTemplateTheInjectedListTheReservedVariablesAndContainerCredentials() {
        Map<String, String> env = FunctionVariables.of(function(Map.of("TDNET_BASE_URL", "https://www.release.tdnet.info"), true),
                Map.of(FunctionVariables.TDNET_BASE_URL, "http://127.0.0.1:9999", FunctionVariables.ENDPOINT_OVERRIDE,
                        "http://127.0.0.1:7000"),
                "127.0.0.1:5000", CREDENTIALS, "token-1", "2026/12/02/[1]abc", Path.of("/task"), Path.of("/runtime"));

        assertThat(env)
                .containsEntry("TDNET_BASE_URL", "http://127.0.0.1:9999") // the fake TDnet replaces the template's
                .containsEntry("TDNET_AWS_ENDPOINT_URL", "http://127.0.0.1:7000")
                .containsEntry("AWS_REGION", "ap-northeast-1")
                .containsEntry("AWS_DEFAULT_REGION", "ap-northeast-1")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "tdnet-twin-persister")
                .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "1")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
                .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/tdnet-twin-persister")
                .containsEntry("AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/02/[1]abc")
                .containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:5000")
                .containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")
                .containsEntry("LAMBDA_TASK_ROOT", "/task")
                .containsEntry("_HANDLER", "io.tdnet.persister.PersisterHandler::handleRequest")
                .containsEntry("TZ", ":UTC")
                .containsEntry("AWS_CONTAINER_CREDENTIALS_FULL_URI", CREDENTIALS.toString())
                .containsEntry("AWS_CONTAINER_AUTHORIZATION_TOKEN", "token-1")
                .doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "HOME", "JAVA_HOME");
    }

    @Test
    void withoutSnapStartTheInitializationIsOnDemandOnLatest() {
        Map<String, String> env = FunctionVariables.of(function(Map.of(), false), Map.of(), "127.0.0.1:5000",
                CREDENTIALS, "t", "s", Path.of("/task"), Path.of("/runtime"));
        assertThat(env).containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
                .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    }

    @Test
    void theSendLogIsInjectedOnlyWhenTheCallerAsksForIt() {
        Map<String, String> plain = FunctionVariables.of(function(Map.of(), false), Map.of(), "127.0.0.1:5000",
                CREDENTIALS, "t", "s", Path.of("/task"), Path.of("/runtime"));
        assertThat(plain).doesNotContainKey(FunctionVariables.SEND_LOG);
        Map<String, String> logged = FunctionVariables.of(function(Map.of(), false),
                Map.of(FunctionVariables.SEND_LOG, "/tmp/sends.txt"), "127.0.0.1:5000", CREDENTIALS, "t", "s",
                Path.of("/task"), Path.of("/runtime"));
        assertThat(logged).containsEntry("TDNET_SEND_LOG", "/tmp/sends.txt");
        // the name the function's wiring reads is the one the twin injects
        assertThat(FunctionVariables.SEND_LOG).isEqualTo(io.tdnet.model.EnvVars.SEND_LOG);
    }

    @Test
    void anythingElseInjectedOrAReservedNameInTheTemplateIsRefused() {
        assertThatThrownBy(() -> FunctionVariables.checkInjected(Map.of("AWS_ACCESS_KEY_ID", "AKIA")))
                .hasMessageContaining("refusing AWS_ACCESS_KEY_ID");
        assertThatThrownBy(() -> FunctionVariables.checkInjected(Map.of("TDNET_BUCKET", "x")))
                .hasMessageContaining("refusing TDNET_BUCKET");
        assertThatThrownBy(() -> FunctionVariables.check(function(Map.of("AWS_LAMBDA_RUNTIME_API", "x"), true), Map.of()))
                .hasMessageContaining("reserved variable AWS_LAMBDA_RUNTIME_API");
        assertThatThrownBy(() -> FunctionVariables.check(function(Map.of("AWS_SESSION_TOKEN", "x"), true), Map.of()))
                .hasMessageContaining("AWS_SESSION_TOKEN");
    }

    private static FunctionSpec function(Map<String, String> environment, boolean snapStart) {
        return new FunctionSpec("PersisterFunction", "tdnet-twin-persister", "io.tdnet.persister.PersisterHandler::handleRequest",
                Path.of("persister-lambda.jar"), 512, Duration.ofSeconds(30), environment, snapStart, "PersisterRole");
    }
}
