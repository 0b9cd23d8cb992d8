package io.tdnet.local;

import io.tdnet.model.PipelineResources;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where the CLI's services run: the embedded stack under a data directory (the default), or a deployed
 * stack on AWS ({@code --aws}). Either way the same lister, workers and ledger are used.
 */
public interface PipelineEnvironment extends AutoCloseable {
    SqsClient sqs();

    S3Client s3();

    DynamoDbClient dynamoDb();

    PipelineResources resources();

    /** Human description for messages ("data dir ./tdnet-data", "AWS stage prod in ap-northeast-1"). */
    String describe();

    /** Where a stored PDF can be found by a person. */
    String locationOf(String s3Key);

    @Override
    void close();
}
