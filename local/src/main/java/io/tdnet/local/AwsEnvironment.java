package io.tdnet.local;

import io.tdnet.model.Pacer;
import io.tdnet.model.Rate;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.wiring.pacing.SharedPacer;
import io.tdnet.wiring.pacing.SharedSchedule;
import java.util.Map;
import io.tdnet.model.PipelineResources;
import io.tdnet.model.StackOutputs;
import io.tdnet.wiring.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A deployed stack on AWS (or an AWS-compatible endpoint): its resources read from the stack's
 * CloudFormation outputs, and each checked ({@link ResourcePreflight}) before the environment is handed
 * out, so no command reaches TDnet with a pipeline that cannot store what it fetches.
 */
public final class AwsEnvironment implements PipelineEnvironment {
    private final SqsClient sqs;
    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final PipelineResources resources;
    private final String description;
    private final AwsClients clients;
    private final String pacerTable;

    private AwsEnvironment(SqsClient sqs, S3Client s3, DynamoDbClient dynamo, PipelineResources resources, String description,
                           AwsClients clients, String pacerTable) {
        this.clients = clients;
        this.pacerTable = pacerTable;
        this.sqs = sqs;
        this.s3 = s3;
        this.dynamo = dynamo;
        this.resources = resources;
        this.description = description;
    }

    /**
     * Reads the stack's outputs and checks every resource.
     *
     * @throws StackUnusableException naming the stack, and the resource when one is missing or refused
     */
    public static AwsEnvironment connect(AwsOptions options) {
        AwsClients clients = AwsClients.forCli(options.profile(), options.region(), options.endpointUrl());
        Map<String, String> outputs = DeployedStack.outputs(clients, options.stackName());
        PipelineResources resources = DeployedStack.resources(outputs, options.stackName());
        SqsClient sqs = clients.sqs();
        S3Client s3 = clients.s3();
        DynamoDbClient dynamo = clients.dynamoDb();
        AwsEnvironment env = new AwsEnvironment(sqs, s3, dynamo, resources,
                "AWS stack " + options.stackName() + (options.region() == null ? "" : " in " + options.region()),
                clients, DeployedStack.output(outputs, StackOutputs.PACER_TABLE, options.stackName()));
        try {
            new ResourcePreflight(sqs, s3, dynamo).check(resources, options.stackName());
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
        return env;
    }

    /**
     * The stack's shared schedule; this machine's clock is measured against the DynamoDB endpoint's
     * (a laptop may be off) and the run refused when the offset cannot be bounded within the schedule's
     * allowance.
     */
    @Override
    public Pacer pacer(Rate rate, TdnetOrigin origin, SharedPacer.Observer observer) {
        return SharedSchedule.overHttp(clients, pacerTable, rate, origin, false, observer);
    }

    @Override public SqsClient sqs() { return sqs; }
    @Override public S3Client s3() { return s3; }
    @Override public DynamoDbClient dynamoDb() { return dynamo; }
    @Override public PipelineResources resources() { return resources; }
    @Override public String describe() { return description; }

    @Override
    public String locationOf(String s3Key) {
        return "s3://" + resources.bucket() + "/" + s3Key;
    }

    @Override
    public void close() {
        sqs.close();
        s3.close();
        dynamo.close();
    }

    /**
     * The {@code --aws} flags.
     *
     * @param stage the deployment stage, {@code prod} when blank
     * @param stack the stack to read, when it is not {@code TdnetPipeline-<stage>}; may be null
     */
    public record AwsOptions(String profile, String region, String endpointUrl, String stage, String stack) {
        public AwsOptions {
            stage = stage == null || stage.isBlank() ? "prod" : stage;
            stack = stack == null || stack.isBlank() ? null : stack.strip();
        }

        public AwsOptions withProfile(String otherProfile) {
            return new AwsOptions(otherProfile, region, endpointUrl, stage, stack);
        }

        /** {@code --stack}, or the stage's stack {@code TdnetPipeline-<stage>}. */
        public String stackName() {
            return stack != null ? stack : StackOutputs.stackName(stage);
        }
    }
}
