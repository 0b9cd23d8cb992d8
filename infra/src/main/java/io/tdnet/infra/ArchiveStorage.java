package io.tdnet.infra;

import io.tdnet.model.Attributes;
import io.tdnet.model.Names;
import io.tdnet.model.S3Keys;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

import java.util.List;

/**
 * The archive: the PDF bucket and the two tables. Everything here holds data, so it is retained when
 * the stack is deleted and the tables carry deletion protection.
 */
public final class ArchiveStorage extends Construct {

    /** Overwritten or deleted PDFs stay recoverable this long. */
    static final Duration NONCURRENT_VERSION_EXPIRATION = Duration.days(90);
    /**
     * A multipart upload (a document over one part) is completed or aborted within one invocation; one
     * still open a day later was left by a killed instance. Never visible, but its parts are billed.
     */
    static final Duration INCOMPLETE_UPLOAD_ABORT = Duration.days(1);

    private final Bucket bucket;
    private final Table disclosures;
    private final Table executions;

    public ArchiveStorage(Construct scope, String id, String stage) {
        super(scope, id);
        bucket = Bucket.Builder.create(this, "Archive")
                // Bucket names are global: the account id makes the staged name unique.
                .bucketName(ResourceNames.bucketName(stage, Aws.ACCOUNT_ID))
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .versioned(true)
                .lifecycleRules(List.of(
                        LifecycleRule.builder()
                                .id("expire-noncurrent-versions-abort-dead-uploads")
                                .noncurrentVersionExpiration(NONCURRENT_VERSION_EXPIRATION)
                                .abortIncompleteMultipartUploadAfter(INCOMPLETE_UPLOAD_ABORT)
                                .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        disclosures = table("Disclosures", Names.staged(Names.DISCLOSURES_TABLE, stage),
                Attributes.DISCLOSURE_ID, null, null);
        disclosures.addGlobalSecondaryIndex(index(Names.DISCLOSURES_BY_DATE_INDEX,
                Attributes.DISCLOSED_DATE, Attributes.DISCLOSED_AT_ID));
        disclosures.addGlobalSecondaryIndex(index(Names.DISCLOSURES_BY_COMPANY_INDEX,
                Attributes.COMPANY_CODE, Attributes.DISCLOSED_AT_ID));

        executions = table("Executions", Names.staged(Names.EXECUTIONS_TABLE, stage),
                Attributes.EXECUTION_ID, Attributes.ENTRY, Attributes.TTL);
        // Sparse: only #SUMMARY rows carry target_date.
        executions.addGlobalSecondaryIndex(index(Names.EXECUTIONS_BY_DATE_INDEX,
                Attributes.TARGET_DATE, Attributes.STARTED_AT));
    }

    private Table table(String id, String name, String partitionKey, String sortKey, String ttlAttribute) {
        Table.Builder builder = Table.Builder.create(this, id)
                .tableName(name)
                .partitionKey(Attribute.builder().name(partitionKey).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN);
        if (sortKey != null) {
            builder.sortKey(Attribute.builder().name(sortKey).type(AttributeType.STRING).build());
        }
        if (ttlAttribute != null) {
            builder.timeToLiveAttribute(ttlAttribute);
        }
        return builder.build();
    }

    private static GlobalSecondaryIndexProps index(String name, String partitionKey, String sortKey) {
        return GlobalSecondaryIndexProps.builder()
                .indexName(name)
                .partitionKey(Attribute.builder().name(partitionKey).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name(sortKey).type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL)
                .build();
    }

    public Bucket bucket() { return bucket; }
    public Table disclosures() { return disclosures; }
    public Table executions() { return executions; }

    /** ARN of a table's GSI, for IAM statements that Query it. */
    public static String indexArn(Table table, String indexName) {
        return table.getTableArn() + "/index/" + indexName;
    }
}
