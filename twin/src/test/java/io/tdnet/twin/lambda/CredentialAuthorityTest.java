package io.tdnet.twin.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;

class CredentialAuthorityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private CredentialAuthority authority;

    @BeforeEach
    void start() {
        authority = CredentialAuthority.start();
    }

    @AfterEach
    void stop() {
        authority.close();
        System.clearProperty("aws.containerCredentialsFullUri");
        System.clearProperty("aws.containerAuthorizationToken");
    }

    @Test
    void thePreRestoreKeyIsRefusedAfterRestoreAndAFreshOneServed() throws Exception {
        var environment = authority.register("PersisterFunction", true);
        JsonNode before = fetch(environment.token());
        String snapshotKey = before.get("AccessKeyId").asText();
        assertThat(authority.principalOf(snapshotKey)).contains("PersisterFunction");
        assertThat(authority.secretOf(snapshotKey)).contains(before.get("SecretAccessKey").asText());

        environment.restore();

        JsonNode after = fetch(environment.token());
        String freshKey = after.get("AccessKeyId").asText();
        assertThat(freshKey).isNotEqualTo(snapshotKey);
        assertThat(authority.principalOf(freshKey)).contains("PersisterFunction");
        assertThat(authority.principalOf(snapshotKey)).isEmpty();
        assertThat(authority.secretOf(snapshotKey)).isEmpty();
        assertThat(authority.whyRefused(snapshotKey)).contains("revoked at restore").contains("PersisterFunction");
    }

    @Test
    void theSnapshotKeyExpiresSoThatTheSdkConsidersItStaleWithinTwoSeconds() throws Exception {
        var environment = authority.register("DownloaderFunction", true);
        Instant expiration = Instant.parse(fetch(environment.token()).get("Expiration").asText());
        Instant staleAt = expiration.minus(CredentialAuthority.SDK_STALE_MARGIN);
        assertThat(staleAt).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(3));

        environment.restore();
        Instant freshExpiration = Instant.parse(fetch(environment.token()).get("Expiration").asText());
        assertThat(freshExpiration).isAfter(Instant.now().plus(Duration.ofHours(5)));
    }

    /** The point of the Expiration choice: the SDK's own container provider, cached across the restore, moves on. */
    @Test
    void theSdkContainerProviderFetchesTheFreshKeyAfterRestore() throws Exception {
        var environment = authority.register("ListerFunction", true);
        System.setProperty("aws.containerCredentialsFullUri", authority.endpoint().toString());
        System.setProperty("aws.containerAuthorizationToken", environment.token());
        try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.builder().build()) {
            AwsCredentials duringInit = provider.resolveCredentials();
            assertThat(authority.principalOf(duringInit.accessKeyId())).contains("ListerFunction");

            environment.restore();

            AwsCredentials afterRestore = provider.resolveCredentials();
            assertThat(afterRestore.accessKeyId()).isNotEqualTo(duringInit.accessKeyId());
            assertThat(authority.principalOf(afterRestore.accessKeyId())).contains("ListerFunction");
            assertThat(authority.principalOf(duringInit.accessKeyId())).isEmpty();
        }
    }

    @Test
    void withoutSnapStartTheFirstKeyStaysAndRestoreChangesNothing() throws Exception {
        var environment = authority.register("PersisterFunction", false);
        String key = fetch(environment.token()).get("AccessKeyId").asText();
        environment.restore();
        assertThat(fetch(environment.token()).get("AccessKeyId").asText()).isEqualTo(key);
        assertThat(authority.principalOf(key)).contains("PersisterFunction");
    }

    @Test
    void anUnknownOrMissingTokenGetsNoKey() throws Exception {
        authority.register("PersisterFunction", true);
        assertThat(status("not-a-token")).isEqualTo(403);
        assertThat(status(null)).isEqualTo(401);
    }

    @Test
    void closingAnEnvironmentRevokesItsKeyAndForgetsItsToken() throws Exception {
        var environment = authority.register("PersisterFunction", false);
        String key = fetch(environment.token()).get("AccessKeyId").asText();
        environment.close();
        assertThat(authority.principalOf(key)).isEmpty();
        assertThat(authority.whyRefused(key)).contains("shut down");
        assertThat(status(environment.token())).isEqualTo(403);
    }

    @Test
    void issuedKeysAreLiveAndDistinctAndUnknownKeysAreRefused() {
        StaticKey poller = authority.issueFor("PersisterFunction");
        StaticKey cli = authority.issueFor("cli");
        assertThat(poller.accessKeyId()).isNotEqualTo(cli.accessKeyId());
        assertThat(authority.principalOf(poller.accessKeyId())).contains("PersisterFunction");
        assertThat(authority.secretOf(cli.accessKeyId())).contains(cli.secretAccessKey());
        assertThat(authority.principalOf("AKIANEVERISSUED")).isEmpty();
        assertThat(authority.whyRefused("AKIANEVERISSUED")).contains("never issued");
        assertThat(poller.toString()).doesNotContain(poller.secretAccessKey());
    }

    private JsonNode fetch(String token) throws Exception {
        HttpResponse<String> response = http.send(request(token), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private int status(String token) throws Exception {
        return http.send(request(token), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpRequest request(String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(authority.endpoint().toString())).GET();
        if (token != null) {
            builder.header("Authorization", token);
        }
        return builder.build();
    }
}
