package io.tdnet.wiring;

import io.tdnet.model.EnvVars;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one place SDK clients are built, for the Lambdas and the CLI's {@code --aws} environment alike.
 *
 * <ul>
 *   <li>Credentials: the SDK's default chain, never a forced provider (SnapStart and container
 *       credentials arrive through {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}); only the CLI's
 *       {@code --profile} picks a profile provider.
 *   <li>Region: on Lambda from {@code AWS_REGION}, which must be set; on the CLI the given one or the
 *       SDK's region chain.
 *   <li>HTTP: the URL-connection client, the only one the Lambda jars carry.
 *   <li>Endpoint: {@link EnvVars#AWS_ENDPOINT_URL} (or {@code --endpoint-url}) overrides every client;
 *       only then does S3 use path-style addressing and checksums WHEN_REQUIRED, which S3-compatible
 *       servers need.
 * </ul>
 *
 * <p>Each client is built on demand, so a function that never asks for S3 needs no S3 classes.
 */
public final class AwsClients {
    private final Optional<Region> region;
    private final Optional<URI> endpoint;
    private final Optional<AwsCredentialsProvider> credentials;

    private AwsClients(Optional<Region> region, Optional<URI> endpoint, Optional<AwsCredentialsProvider> credentials) {
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /** A Lambda function's clients: region from {@code AWS_REGION} (required), optional endpoint override. */
    public static AwsClients forFunction(FunctionEnvironment env) {
        String region = env.optional(EnvVars.AWS_REGION).orElseThrow(() -> new IllegalStateException(
                "environment variable " + EnvVars.AWS_REGION + " is not set: the Lambda runtime always sets it,"
                        + " so this is not running on Lambda; set it explicitly"));
        return new AwsClients(Optional.of(Region.of(region)),
                env.optional(EnvVars.AWS_ENDPOINT_URL).map(URI::create), Optional.empty());
    }

    /**
     * The CLI's clients; each argument may be null: no profile = default chain, no region = the SDK's
     * region chain, no endpoint = AWS itself.
     */
    public static AwsClients forCli(String profile, String region, String endpointUrl) {
        return new AwsClients(
                Optional.ofNullable(blankToNull(region)).map(Region::of),
                Optional.ofNullable(blankToNull(endpointUrl)).map(String::strip).map(URI::create),
                Optional.ofNullable(blankToNull(profile)).map(ProfileCredentialsProvider::create));
    }

    public Optional<URI> endpoint() {
        return endpoint;
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder()).build();
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).build();
    }

    /** A DynamoDB client whose requests also pass {@code interceptor} (the pacer's clock offset). */
    public DynamoDbClient dynamoDb(software.amazon.awssdk.core.interceptor.ExecutionInterceptor interceptor) {
        return configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor))
                .build();
    }

    /** The region given, or the SDK's region chain's (which fails when none is configured). */
    public Region region() {
        return region.orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
    }

    /** The credentials every client signs with: the profile's, or the SDK's default chain. */
    public AwsCredentialsProvider credentials() {
        return credentials.orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    public S3Client s3() {
        var builder = configure(S3Client.builder());
        if (endpoint.isPresent()) {
            // S3-compatible servers want path-style addressing and may not read streaming checksums.
            builder.forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        region.ifPresent(builder::region);
        endpoint.ifPresent(builder::endpointOverride);
        credentials.ifPresent(builder::credentialsProvider);
        return builder;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
