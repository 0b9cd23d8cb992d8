package io.tdnet.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The commands' usage paths: none of them may reach SQS. */
class DlqCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A context whose service must not be touched by the paths tested here. */
    private final DlqContext untouchable = new DlqContext() {
        @Override
        public DeadLetterQueues queues() {
            throw new AssertionError("the command reached the queues");
        }

        @Override
        public boolean aws() {
            return false;
        }

        @Override
        public RedriveFollowUp followUp() {
            throw new AssertionError("the command reached the follow-up");
        }
    };

    private int run(String... args) {
        CommandLine root = new CommandLine(new Root());
        root.addSubcommand(DlqCommand.commandLine(untouchable));
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        return root.execute(args);
    }

    @CommandLine.Command(name = "tdnet")
    static final class Root {}

    @Test
    void purgeRefusesWithoutYes() {
        assertThat(run("dlq", "purge", "--queue", "download")).isEqualTo(2);
        assertThat(err.toString()).contains("Refusing to purge the download DLQ without --yes");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void purgeNeedsAQueue() {
        assertThat(run("dlq", "purge", "--yes")).isEqualTo(2);
        assertThat(err.toString()).contains("--queue");
    }

    @Test
    void anUnknownQueueIsBadUsage() {
        assertThat(run("dlq", "peek", "--queue", "lister")).isEqualTo(2);
        assertThat(err.toString()).contains("download or persist");
    }

    @Test
    void aBadDisclosureIdIsBadUsage() {
        assertThat(run("dlq", "redrive", "--disclosure", "123")).isEqualTo(2);
        assertThat(err.toString()).contains("want 18 digits");
        assertThat(run("dlq", "redrive", "--max-per-second", "0")).isEqualTo(2);
        assertThat(run("dlq", "redrive", "--date", "2025-02-30")).isEqualTo(2);
    }

    @Test
    void aZeroLimitIsBadUsage() {
        assertThat(run("dlq", "peek", "--limit", "0")).isEqualTo(2);
    }

    @Test
    void dlqAloneShowsItsSubcommands() {
        assertThat(run("dlq")).isEqualTo(2);
        assertThat(err.toString()).contains("list", "peek", "redrive", "purge");
    }

    @Test
    void followUpResultSplitsRecoveredFromFailedAgain() {
        FollowUpResult result = FollowUpResult.followed(List.of(
                new FollowUpResult.Settlement("140120250520500001", "e", Outcome.STORED, null),
                new FollowUpResult.Settlement("140120250520500002", "e", Outcome.ALREADY_PRESENT, null),
                new FollowUpResult.Settlement("140120250520500003", "e", Outcome.FAILED, "HTTP 404"),
                new FollowUpResult.Settlement("140120250520500004", "e", Outcome.PENDING, "did not settle")));
        assertThat(result.recovered()).extracting(FollowUpResult.Settlement::disclosureId)
                .containsExactly("140120250520500001", "140120250520500002");
        assertThat(result.failedAgain()).extracting(FollowUpResult.Settlement::outcome)
                .containsExactly(Outcome.FAILED, Outcome.PENDING);
        assertThat(FollowUpResult.notFollowed().followed()).isFalse();
    }
}
