package io.tdnet.dlq;

/**
 * What happens once redriven messages are back in their queues. Local mode runs the workers until every
 * redriven disclosure settles and says, per disclosure, whether it ended STORED / ALREADY_PRESENT or
 * FAILED again; on AWS the deployed consumers do the work and {@link ReportOnlyFollowUp} only reports.
 */
@FunctionalInterface
public interface RedriveFollowUp {
    FollowUpResult settle(RedriveReport report) throws InterruptedException;
}
