package io.tdnet.dlq;

/**
 * The follow-up for a deployed stack: the Lambda consumers process what came back, nobody here waits
 * for them. The {@code redrive} command has already printed what moved; it adds where to look next.
 */
public final class ReportOnlyFollowUp implements RedriveFollowUp {
    @Override
    public FollowUpResult settle(RedriveReport report) {
        return FollowUpResult.notFollowed();
    }
}
