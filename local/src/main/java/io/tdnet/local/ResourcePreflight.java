package io.tdnet.local;

import io.tdnet.wiring.AwsFailure;
import io.tdnet.model.PipelineResources;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Checks, before the first request to TDnet, that every resource of a deployed stack answers with these
 * credentials: HeadBucket, GetQueueAttributes of each queue, DescribeTable of each table. A pipeline that
 * cannot store what it fetches would otherwise re-download every PDF until killed, silently.
 */
public final class ResourcePreflight {
    private final SqsClient sqs;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;

    public ResourcePreflight(SqsClient sqs, S3Client s3, DynamoDbClient dynamoDb) {
        this.sqs = sqs;
        this.s3 = s3;
        this.dynamoDb = dynamoDb;
    }

    /** Fails with a {@link StackUnusableException} naming the first resource that does not answer, and the stack. */
    public void check(PipelineResources resources, String stackName) {
        check("bucket " + resources.bucket(), stackName, () -> s3.headBucket(b -> b.bucket(resources.bucket())));
        for (String queue : new String[] {resources.downloadQueueUrl(), resources.downloadDlqUrl(),
                resources.persistQueueUrl(), resources.persistDlqUrl()}) {
            check("queue " + queue, stackName, () -> sqs.getQueueAttributes(b -> b.queueUrl(queue)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)));
        }
        for (String table : new String[] {resources.disclosuresTable(), resources.executionsTable()}) {
            check("table " + table, stackName, () -> dynamoDb.describeTable(b -> b.tableName(table)));
        }
    }

    private static void check(String resource, String stackName, Supplier<?> call) {
        try {
            call.get();
        } catch (SdkException e) {
            throw new StackUnusableException(resource + " of stack " + stackName + ": " + AwsFailure.describe(e), e);
        }
    }
}
