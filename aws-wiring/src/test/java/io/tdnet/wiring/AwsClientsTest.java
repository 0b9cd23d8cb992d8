package io.tdnet.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.model.EnvVars;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

class AwsClientsTest {
    @Test
    void aFunctionWithoutAwsRegionFailsClearly() {
        assertThatThrownBy(() -> AwsClients.forFunction(new FunctionEnvironment(Map.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(EnvVars.AWS_REGION);
    }

    @Test
    void aFunctionsClientsUseItsRegionTheEndpointOverrideAndNoForcedCredentials() {
        FunctionEnvironment env = new FunctionEnvironment(Map.of(EnvVars.AWS_REGION, "ap-northeast-1",
                EnvVars.AWS_ENDPOINT_URL, "http://127.0.0.1:9"));
        AwsClients clients = AwsClients.forFunction(env);
        try (SqsClient sqs = clients.sqs()) {
            var config = sqs.serviceClientConfiguration();
            assertThat(config.region()).isEqualTo(Region.AP_NORTHEAST_1);
            assertThat(config.endpointOverride()).contains(URI.create("http://127.0.0.1:9"));
            assertThat(config.credentialsProvider()).isNotInstanceOf(EnvironmentVariableCredentialsProvider.class)
                    .isNotInstanceOf(ProfileCredentialsProvider.class);
        }
        assertThat(env.namesRead()).containsExactly(EnvVars.AWS_REGION, EnvVars.AWS_ENDPOINT_URL);
    }

    @Test
    void withoutAnOverrideTheFunctionTalksToAwsItself() {
        AwsClients clients = AwsClients.forFunction(new FunctionEnvironment(Map.of(EnvVars.AWS_REGION, "us-west-2")));
        assertThat(clients.endpoint()).isEmpty();
        try (SqsClient sqs = clients.sqs()) {
            assertThat(sqs.serviceClientConfiguration().endpointOverride()).isEmpty();
        }
    }

    @Test
    void theCliProfilePicksAProfileProvider() {
        try (SqsClient sqs = AwsClients.forCli("ops", "eu-west-1", null).sqs()) {
            assertThat(sqs.serviceClientConfiguration().credentialsProvider()).isInstanceOf(ProfileCredentialsProvider.class);
            assertThat(sqs.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        }
    }
}
