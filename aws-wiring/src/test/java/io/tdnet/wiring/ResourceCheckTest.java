package io.tdnet.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.crac.Core;
import com.amazonaws.services.lambda.crac.RestoreException;
import io.tdnet.model.EnvVars;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Where the start check runs and what its failure says. Nothing listens on the endpoint, so every call
 * fails as a deployment whose resources do not answer would (the not-found and access-denied answers of a
 * real service: TwinInitFailureIT and the CLI's ResourcePreflightIT).
 */
class ResourceCheckTest {
    private static final String QUEUE = "http://127.0.0.1:9/123456789012/tdnet-persist-test";

    private static FunctionWiring wiring(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(EnvVars.AWS_REGION, "ap-northeast-1",
                EnvVars.AWS_ENDPOINT_URL, "http://127.0.0.1:9", EnvVars.STACK, "TdnetPipeline-test",
                FunctionWiring.FUNCTION_NAME, "tdnet-downloader-test"));
        env.putAll(extra);
        return new FunctionWiring(new FunctionEnvironment(env), Clock.systemUTC());
    }

    private static ResourceCheck check(FunctionWiring wiring) {
        return wiring.resourceCheck().queue(wiring.aws().sqs(), QUEUE).table(wiring.aws().dynamoDb(), "tdnet-executions-test");
    }

    @Test
    void onDemandTheCheckRunsAtInitAndNamesEveryResourceThatDidNotAnswerAndTheStack() {
        FunctionWiring wiring = wiring(Map.of());
        assertThatThrownBy(() -> wiring.checkBeforeServing(check(wiring)))
                .isInstanceOf(ResourceCheck.ResourceUnavailableException.class)
                .hasCauseInstanceOf(SdkException.class)
                .hasMessageStartingWith("tdnet-downloader-test cannot serve: queue " + QUEUE + ": ")
                .hasMessageContaining("; table tdnet-executions-test: ")
                .hasMessageContaining("(stack TdnetPipeline-test)")
                .hasMessageContaining("fetches nothing from TDnet");
        assertThat(wiring.env().namesRead()).contains(EnvVars.STACK, FunctionWiring.FUNCTION_NAME,
                FunctionWiring.INITIALIZATION_TYPE);
    }

    @Test
    void withSnapStartTheCheckWaitsForTheRestoreAndItsFailureFailsTheRestore() {
        FunctionWiring wiring = wiring(Map.of(FunctionWiring.INITIALIZATION_TYPE, FunctionWiring.SNAP_START));
        ResourceCheck check = wiring.checkBeforeServing(check(wiring)); // init (before the snapshot): no call
        assertThat(check.runsAtRestore()).isTrue();
        assertThat(check.resources()).containsExactly("queue " + QUEUE, "table tdnet-executions-test");
        // what the runtime interface client does between restore/next and the first invocation
        assertThatThrownBy(() -> Core.getGlobalContext().afterRestore(null))
                .isInstanceOf(RestoreException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .isInstanceOf(ResourceCheck.ResourceUnavailableException.class)
                        .extracting(Throwable::getMessage).asString()
                        .startsWith("tdnet-downloader-test cannot serve: queue " + QUEUE));
        // the runtime holds hooks weakly: the check (the handler's field on Lambda) keeps it registered
        assertThat(check.runsAtRestore()).isTrue();
    }
}
