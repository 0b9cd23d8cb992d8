package io.tdnet.twin;

import java.time.Duration;

/**
 * One {@code AWS::Lambda::EventSourceMapping} of the template: an SQS queue polled for a function.
 *
 * @param functionLogicalId       the function it invokes
 * @param queueUrl                the queue's URL on the twin
 * @param queueArn                the queue's ARN as the template resolves it
 * @param batchSize               BatchSize
 * @param maximumBatchingWindow   MaximumBatchingWindowInSeconds (zero when absent)
 * @param maximumConcurrency      ScalingConfig.MaximumConcurrency (how many environments may run at once)
 * @param reportBatchItemFailures FunctionResponseTypes contains ReportBatchItemFailures
 */
public record EventSourceSpec(
        String functionLogicalId,
        String queueUrl,
        String queueArn,
        int batchSize,
        Duration maximumBatchingWindow,
        int maximumConcurrency,
        boolean reportBatchItemFailures) {}
