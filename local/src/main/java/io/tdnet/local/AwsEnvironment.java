package io.tdnet.local;

import io.tdnet.dlq.QueueDirectory;
import io.tdnet.model.Names;
import io.tdnet.model.Pacer;
import io.tdnet.model.Rate;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.wiring.pacing.SharedPacer;
import io.tdnet.wiring.pacing.SharedSchedule;
import io.tdnet.model.PipelineResources;
import io.tdnet.wiring.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A deployed stack on AWS (or an AWS-compatible endpoint), found by the staged shared names. */
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

    public static AwsEnvironment connect(AwsOptions options) {
        AwsClients clients = AwsClients.forCli(options.profile(), options.region(), options.endpointUrl());
        SqsClient sqs = clients.sqs();
        PipelineResources resources = QueueDirectory.resolve(sqs, options.stage());
        return new AwsEnvironment(sqs, clients.s3(), clients.dynamoDb(), resources,
                "AWS stage " + options.stage() + (options.region() == null ? "" : " in " + options.region()),
                clients, Names.staged(Names.PACER_TABLE, options.stage()));
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

    /** The {@code --aws} flags. */
    public record AwsOptions(String profile, String region, String endpointUrl, String stage) {
        public AwsOptions {
            stage = stage == null || stage.isBlank() ? "prod" : stage;
        }

    }
}
