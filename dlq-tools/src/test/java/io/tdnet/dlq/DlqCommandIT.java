package io.tdnet.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.Outcome;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** The {@code dlq} commands end to end on the embedded SQS, mounted under a root as the CLI mounts them. */
@ExtendWith(EmbeddedAwsExtension.class)
class DlqCommandIT {
    private static final LocalDate DAY = LocalDate.of(2025, 5, 20);
    private static final String A = "140120250520500001";
    private static final String B = "140120250520500002";
    private static final Instant FIRST_FAILURE = Instant.parse("2025-05-20T07:00:00Z");

    private final EmbeddedAwsStack stack;
    private final DlqFixture fx;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<RedriveReport> followedUp = new ArrayList<>();

    DlqCommandIT(EmbeddedAwsStack stack) {
        this.stack = stack;
        this.fx = new DlqFixture(stack);
    }

    @BeforeEach
    void reset() {
        stack.reset();
        fx.failDownload(A, DAY, "HTTP 404 Not Found", FIRST_FAILURE);
        fx.failDownload(B, DAY, "body is not a PDF", FIRST_FAILURE);
    }

    @CommandLine.Command(name = "tdnet")
    static final class Root {}

    private int run(RedriveFollowUp followUp, String... args) {
        CommandLine root = new CommandLine(new Root());
        root.addSubcommand(DlqCommand.commandLine(DlqContext.of(fx.service(), false, followUp)));
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));
        return root.execute(args);
    }

    private int run(String... args) {
        return run(report -> {
            followedUp.add(report);
            return FollowUpResult.notFollowed();
        }, args);
    }

    @Test
    void purgeRefusesWithoutYesAndRemovesAndCountsWithIt() {
        assertThat(run("dlq", "purge", "--queue", "download")).isEqualTo(2);
        assertThat(err.toString()).contains("Refusing to purge the download DLQ without --yes");
        assertThat(fx.depth(fx.resources.downloadDlqUrl())).isEqualTo(2);

        assertThat(run("dlq", "purge", "--queue", "download", "--yes")).isZero();
        assertThat(out.toString()).contains("deleted 2 message(s)");
        assertThat(fx.depth(fx.resources.downloadDlqUrl())).isZero();
    }

    @Test
    void listPrintsATable() {
        assertThat(run("dlq", "list")).isZero();
        assertThat(out.toString())
                .contains("QUEUE", "download", "tdnet-download-dlq", "tdnet-download (maxReceiveCount 12)")
                .contains("1  HTTP 404 Not Found", "1  body is not a PDF");
    }

    @Test
    void listJson() throws Exception {
        assertThat(run("dlq", "list", "--json")).isZero();
        JsonNode json = TestLetters.CODEC.mapper().readTree(out.toString());
        assertThat(json).hasSize(2);
        assertThat(json.get(0).get("queue").asText()).isEqualTo("download");
        assertThat(json.get(0).get("depth").asLong()).isEqualTo(2);
        assertThat(json.get(0).get("counts_by_reason").get("HTTP 404 Not Found").asLong()).isEqualTo(1);
        assertThat(json.get(1).get("oldest_age_seconds").isNull()).isTrue();
    }

    @Test
    void peekJsonShowsTheEntriesAndConsumesNothing() throws Exception {
        assertThat(run("dlq", "peek", "--queue", "download", "--limit", "5", "--json")).isZero();
        JsonNode json = TestLetters.CODEC.mapper().readTree(out.toString());
        assertThat(json).hasSize(2);
        JsonNode first = json.get(0);
        assertThat(first.get("queue").asText()).isEqualTo("download");
        assertThat(first.get("disclosure_id").asText()).isIn(A, B);
        assertThat(first.get("execution_id").asText()).isEqualTo("exec-" + DAY);
        assertThat(first.get("disclosed_date").asText()).isEqualTo(DAY.toString());
        assertThat(first.get("first_failure_at").asText()).isEqualTo(FIRST_FAILURE.toString());
        assertThat(first.get("receive_count").asInt()).isEqualTo(1);
        assertThat(fx.visible(fx.resources.downloadDlqUrl())).isEqualTo(2);
    }

    @Test
    void peekTableShowsUnreadableBodies() {
        fx.sendToDlq(fx.resources.downloadDlqUrl(), "garbage", "malformed message body", null, null);
        assertThat(run("dlq", "peek")).isZero();
        assertThat(out.toString()).contains(A, B, "(unreadable)", "HTTP 404 Not Found");
    }

    @Test
    void redriveDryRunMovesNothingAndSkipsTheFollowUp() {
        assertThat(run("dlq", "redrive", "--reason", "404", "--dry-run")).isZero();
        assertThat(out.toString()).contains("Would move 1 message(s)", A);
        assertThat(followedUp).isEmpty();
        assertThat(fx.depth(fx.resources.downloadQueueUrl())).isZero();
    }

    @Test
    void redriveExitsZeroWhenEverythingRecovered() {
        int exit = run(report -> FollowUpResult.followed(report.moved().stream()
                .map(m -> new FollowUpResult.Settlement(m.disclosureId(), m.executionId(), Outcome.STORED, null))
                .toList()), "dlq", "redrive", "--queue", "download", "--date", DAY.toString());
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Moved 2 message(s)", "Recovered: 2", "Failed again: 0");
        assertThat(fx.depth(fx.resources.downloadQueueUrl())).isEqualTo(2);
    }

    @Test
    void redriveExitsThreeWhenSomethingFailedAgain() {
        int exit = run(report -> FollowUpResult.followed(List.of(
                new FollowUpResult.Settlement(A, "exec-" + DAY, Outcome.ALREADY_PRESENT, null),
                new FollowUpResult.Settlement(B, "exec-" + DAY, Outcome.FAILED, "body is not a PDF"))),
                "dlq", "redrive", "--disclosure", A, "--disclosure", B);
        assertThat(exit).isEqualTo(3);
        assertThat(out.toString()).contains("Recovered: 1", "Failed again: 1", "body is not a PDF");
    }

    @Test
    void redriveWithNothingToDoExitsZero() {
        assertThat(run("dlq", "redrive", "--reason", "no such reason")).isZero();
        assertThat(out.toString()).contains("Moved 0 message(s)");
        assertThat(followedUp).isEmpty();
    }

    @Test
    void onAwsTheRedriveUsesAMoveTaskAndTheFollowUpOnlyReports() {
        StringWriter followUpText = new StringWriter();
        CommandLine root = new CommandLine(new Root());
        root.addSubcommand(DlqCommand.commandLine(DlqContext.of(fx.service(), true,
                new ReportOnlyFollowUp(new PrintWriter(followUpText, true)))));
        root.setOut(new PrintWriter(out, true));
        root.setErr(new PrintWriter(err, true));

        assertThat(root.execute("dlq", "redrive", "--queue", "download")).isZero();
        assertThat(out.toString()).contains("by SQS move task", "move task download: COMPLETED, 2 moved");
        assertThat(followUpText.toString()).contains("2 message(s) are back in their queues");
        assertThat(fx.depth(fx.resources.downloadQueueUrl())).isEqualTo(2);
    }
}
