package io.tdnet.twin.aws;

/**
 * One {@code AWS::SQS::Queue} of the template, resolved.
 *
 * @param logicalId           the template's logical id
 * @param name                QueueName
 * @param url                 the URL CloudFormation returns for Ref (clients send it; the twin routes by name)
 * @param arn                 its ARN
 * @param visibilityTimeout   VisibilityTimeout in seconds, or null (SQS default)
 * @param retentionPeriod     MessageRetentionPeriod in seconds, or null
 * @param deadLetterTargetArn RedrivePolicy.deadLetterTargetArn, or null
 * @param maxReceiveCount     RedrivePolicy.maxReceiveCount, or 0
 */
public record QueueDeclaration(String logicalId, String name, String url, String arn, Integer visibilityTimeout,
                               Integer retentionPeriod, String deadLetterTargetArn, int maxReceiveCount) {}
