package io.tdnet.dlq;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * The follow-up for a deployed stack: the Lambda consumers process what came back, so this only says
 * what moved and where to look next.
 */
public final class ReportOnlyFollowUp implements RedriveFollowUp {
    private final PrintWriter out;

    public ReportOnlyFollowUp(PrintWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public FollowUpResult settle(RedriveReport report) {
        if (!report.dryRun() && !report.moved().isEmpty()) {
            out.printf("%d message(s) are back in their queues; the deployed consumers will process them "
                    + "(follow with `tdnet status`).%n", report.moved().size());
            out.flush();
        }
        return FollowUpResult.notFollowed();
    }
}
