package io.tdnet.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.Names;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(EmbeddedAwsExtension.class)
class DeadLetterQueuesIT {
    private static final LocalDate DAY1 = LocalDate.of(2025, 5, 20);
    private static final LocalDate DAY2 = LocalDate.of(2025, 5, 21);
    private static final String A = "140120250520500001";
    private static final String B = "140120250520500002";
    private static final String C = "140120250521500003";
    private static final String P = "140120250520500009";
    private static final Instant FIRST_FAILURE = Instant.parse("2025-05-20T07:00:00Z");
    private static final String MALFORMED_REASON = "malformed message body: Unexpected character";

    private final EmbeddedAwsStack stack;
    private final DlqFixture fx;

    DeadLetterQueuesIT(EmbeddedAwsStack stack) {
        this.stack = stack;
        this.fx = new DlqFixture(stack);
    }

    @BeforeEach
    void reset() {
        stack.reset();
    }

    /** Download DLQ: A, B (404), C (not a PDF, next day), one malformed body. Persist DLQ: P moved by SQS. */
    private void fill() {
        fx.failDownload(A, DAY1, "HTTP 404 Not Found", FIRST_FAILURE);
        fx.failDownload(B, DAY1, "HTTP 404 Not Found", FIRST_FAILURE);
        fx.failDownload(C, DAY2, "body is not a PDF", FIRST_FAILURE);
        fx.sendToDlq(fx.resources.downloadDlqUrl(), "{\"schema_version\":1, oops", MALFORMED_REASON, FIRST_FAILURE,
                fx.resources.downloadQueueUrl());
        fx.exhaustPersist(P, DAY1);
    }

    @Test
    void listReportsDepthAgeReasonsAndRedriveTarget() {
        fill();
        // An hour later: the age comes from the messages' SentTimestamp.
        DeadLetterQueues later = new DeadLetterQueues(fx.sqs, fx.resources, DlqSettings.defaults(),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(1)), MoveCheckpoint.none());

        List<DlqSummary> summaries = later.list();

        assertThat(summaries).extracting(DlqSummary::queue).containsExactly(QueueKind.DOWNLOAD, QueueKind.PERSIST);
        DlqSummary download = summaries.get(0);
        assertThat(download.depth()).isEqualTo(4);
        assertThat(download.scanned()).isEqualTo(4);
        assertThat(download.unreadable()).isEqualTo(1);
        assertThat(download.countsByReason()).containsExactly(
                Map.entry("HTTP 404 Not Found", 2L), Map.entry("body is not a PDF", 1L), Map.entry(MALFORMED_REASON, 1L));
        assertThat(download.oldestAge()).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        assertThat(download.redrivesTo().queueUrl()).isEqualTo(fx.resources.downloadQueueUrl());
        assertThat(download.redrivesTo().confirmedByRedrivePolicy()).isTrue();
        assertThat(download.redrivesTo().maxReceiveCount()).isEqualTo(Names.DOWNLOAD_MAX_RECEIVE_COUNT);

        DlqSummary persist = summaries.get(1);
        assertThat(persist.depth()).isEqualTo(1);
        assertThat(persist.countsByReason()).containsExactly(Map.entry(DeadLetter.MAX_RECEIVES_EXCEEDED, 1L));
        assertThat(persist.redrivesTo().queueUrl()).isEqualTo(fx.resources.persistQueueUrl());
        assertThat(persist.redrivesTo().maxReceiveCount()).isEqualTo(Names.PERSIST_MAX_RECEIVE_COUNT);

        // Listing consumed nothing and left nothing hidden.
        assertThat(fx.visible(fx.resources.downloadDlqUrl())).isEqualTo(4);
        assertThat(fx.inFlight(fx.resources.downloadDlqUrl())).isZero();
        assertThat(fx.visible(fx.resources.persistDlqUrl())).isEqualTo(1);
    }

    @Test
    void listOfEmptyDlqs() {
        List<DlqSummary> summaries = fx.service().list();
        assertThat(summaries).allSatisfy(s -> {
            assertThat(s.depth()).isZero();
            assertThat(s.oldestAge()).isNull();
            assertThat(s.countsByReason()).isEmpty();
        });
    }

    @Test
    void peekShowsMessagesAndLeavesThemInPlace() {
        fill();
        for (int i = 0; i < 10; i++) {
            fx.failDownload(String.format("1401202505206%05d", i), DAY1, "HTTP 410 Gone", null);
        }
        DeadLetterQueues queues = fx.service();

        List<DeadLetter> all = queues.peek(QueueKind.DOWNLOAD, 50);
        assertThat(all).hasSize(14).extracting(DeadLetter::messageId).doesNotHaveDuplicates();
        DeadLetter a = all.stream().filter(l -> A.equals(l.disclosureId())).findFirst().orElseThrow();
        assertThat(a.executionId()).isEqualTo("exec-" + DAY1);
        assertThat(a.disclosedDate()).isEqualTo(DAY1);
        assertThat(a.reason()).isEqualTo("HTTP 404 Not Found");
        assertThat(a.firstFailureAt()).isEqualTo(FIRST_FAILURE);
        assertThat(a.receiveCount()).isEqualTo(1);
        assertThat(a.sourceQueue()).isEqualTo(fx.resources.downloadQueueUrl());
        assertThat(all).filteredOn(l -> !l.readable()).singleElement()
                .satisfies(l -> assertThat(l.reason()).isEqualTo(MALFORMED_REASON));

        assertThat(queues.peek(QueueKind.DOWNLOAD, 5)).hasSize(5);
        DeadLetter p = queues.peek(QueueKind.PERSIST, 10).get(0);
        assertThat(p.disclosureId()).isEqualTo(P);
        assertThat(p.reason()).isEqualTo(DeadLetter.MAX_RECEIVES_EXCEEDED);
        assertThat(p.receiveCount()).isGreaterThan(Names.PERSIST_MAX_RECEIVE_COUNT);

        // Nothing consumed, nothing hidden: a plain receive finds every message at once.
        assertThat(fx.depth(fx.resources.downloadDlqUrl())).isEqualTo(14);
        assertThat(fx.inFlight(fx.resources.downloadDlqUrl())).isZero();
        assertThat(fx.receiveVisibleCount(fx.resources.downloadDlqUrl())).isEqualTo(14);
        assertThat(fx.receiveVisibleCount(fx.resources.persistDlqUrl())).isEqualTo(1);
    }

    @Test
    void redriveByDisclosureIdMovesOnlyThoseAndKeepsFirstFailure() throws Exception {
        fill();
        RedriveReport report = fx.service().redrive(RedriveRequest.everything(QueueKind.DOWNLOAD)
                .withDisclosureIds(Set.of(A, C)));

        assertThat(report.dryRun()).isFalse();
        assertThat(report.moved()).extracting(MovedMessage::disclosureId).containsExactlyInAnyOrder(A, C);
        assertThat(report.moved()).allSatisfy(m -> {
            assertThat(m.queue()).isEqualTo(QueueKind.DOWNLOAD);
            assertThat(m.sentMessageId()).isNotNull();
            assertThat(m.executionId()).startsWith("exec-");
        });
        assertThat(report.examined()).isEqualTo(4);
        assertThat(report.leftInPlace()).isEqualTo(2);

        List<Message> back = fx.drain(fx.resources.downloadQueueUrl());
        assertThat(back).hasSize(2);
        assertThat(back).allSatisfy(m -> {
            assertThat(m.messageAttributes()).doesNotContainKey(Names.ATTR_FAILURE_REASON);
            assertThat(m.messageAttributes().get(Names.ATTR_FIRST_FAILURE_AT).stringValue())
                    .isEqualTo(FIRST_FAILURE.toString());
            assertThat(TestLetters.CODEC.decodeDownload(m.body()).disclosure().disclosureId().value()).isIn(A, C);
        });
        // The body is unchanged, byte for byte.
        assertThat(back).extracting(Message::body)
                .contains(TestLetters.downloadBody("exec-" + DAY1, A, DAY1));
        assertThat(fx.visible(fx.resources.downloadDlqUrl())).isEqualTo(2);
        assertThat(fx.inFlight(fx.resources.downloadDlqUrl())).isZero();
        assertThat(fx.depth(fx.resources.persistDlqUrl())).isEqualTo(1);
    }

    @Test
    void redriveByReasonAcrossBothDlqs() throws Exception {
        fill();
        RedriveReport report = fx.service().redrive(RedriveRequest.everything(null).withReasonContaining("404"));

        assertThat(report.moved()).extracting(MovedMessage::disclosureId).containsExactlyInAnyOrder(A, B);
        assertThat(report.examined()).isEqualTo(5);
        assertThat(fx.drain(fx.resources.downloadQueueUrl())).hasSize(2);
        assertThat(fx.depth(fx.resources.downloadDlqUrl())).isEqualTo(2);
        assertThat(fx.depth(fx.resources.persistDlqUrl())).isEqualTo(1);

        RedriveReport exhausted = fx.service().redrive(RedriveRequest.everything(null).withReasonContaining("max receives"));
        assertThat(exhausted.moved()).singleElement().satisfies(m -> {
            assertThat(m.queue()).isEqualTo(QueueKind.PERSIST);
            assertThat(m.disclosureId()).isEqualTo(P);
        });
        assertThat(fx.drain(fx.resources.persistQueueUrl())).hasSize(1);
        assertThat(fx.depth(fx.resources.persistDlqUrl())).isZero();
    }

    @Test
    void redriveByDate() throws Exception {
        fill();
        RedriveReport report = fx.service().redrive(RedriveRequest.everything(QueueKind.DOWNLOAD).withDisclosedDate(DAY2));

        assertThat(report.moved()).extracting(MovedMessage::disclosureId).containsExactly(C);
        assertThat(fx.drain(fx.resources.downloadQueueUrl())).hasSize(1);
        assertThat(fx.visible(fx.resources.downloadDlqUrl())).isEqualTo(3);
    }

    @Test
    void dryRunMovesNothing() throws Exception {
        fill();
        RedriveReport report = fx.service().redrive(RedriveRequest.everything(null).withDryRun(true));

        assertThat(report.dryRun()).isTrue();
        assertThat(report.moved()).hasSize(5).allSatisfy(m -> assertThat(m.sentMessageId()).isNull());
        assertThat(report.moved()).extracting(MovedMessage::disclosureId).containsExactlyInAnyOrder(A, B, C, null, P);
        assertThat(fx.depth(fx.resources.downloadQueueUrl())).isZero();
        assertThat(fx.depth(fx.resources.persistQueueUrl())).isZero();
        assertThat(fx.visible(fx.resources.downloadDlqUrl())).isEqualTo(4);
        assertThat(fx.visible(fx.resources.persistDlqUrl())).isEqualTo(1);
    }

    @Test
    void unfilteredRedriveMovesEverythingIncludingUnreadableAtTheGivenPace() throws Exception {
        fill();
        long start = System.nanoTime();
        RedriveReport report = fx.service().redrive(RedriveRequest.everything(null).withMaxPerSecond(4));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(report.moved()).hasSize(5);
        assertThat(report.moveTasks()).isEmpty();
        // 5 messages at 4/s: the 5th slot is ≥ 1 s after the first.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(fx.drain(fx.resources.downloadQueueUrl())).hasSize(4);
        assertThat(fx.drain(fx.resources.persistQueueUrl())).hasSize(1);
        assertThat(fx.depth(fx.resources.downloadDlqUrl())).isZero();
        assertThat(fx.depth(fx.resources.persistDlqUrl())).isZero();
    }

    @Test
    void aCrashBetweenSendAndDeleteDuplicatesAndNeverLoses() throws Exception {
        fx.failDownload(A, DAY1, "HTTP 404 Not Found", FIRST_FAILURE);
        AtomicBoolean crashed = new AtomicBoolean();
        DeadLetterQueues crashing = fx.service(message -> {
            crashed.set(true);
            throw new SimulatedCrash(message.disclosureId());
        });

        assertThatThrownBy(() -> crashing.redrive(RedriveRequest.everything(QueueKind.DOWNLOAD)))
                .isInstanceOf(SimulatedCrash.class);
        assertThat(crashed).isTrue();
        // Sent but not deleted: it is in both queues.
        assertThat(fx.depth(fx.resources.downloadQueueUrl())).isEqualTo(1);
        assertThat(fx.depth(fx.resources.downloadDlqUrl())).isEqualTo(1);

        RedriveReport again = fx.service().redrive(RedriveRequest.everything(QueueKind.DOWNLOAD));
        assertThat(again.moved()).extracting(MovedMessage::disclosureId).containsExactly(A);
        assertThat(fx.depth(fx.resources.downloadDlqUrl())).isZero();
        // A duplicate, which every consumer treats idempotently; nothing lost.
        assertThat(fx.drain(fx.resources.downloadQueueUrl())).hasSize(2)
                .extracting(Message::body).containsOnly(TestLetters.downloadBody("exec-" + DAY1, A, DAY1));
    }

    @Test
    void aMessageThatFailsAgainDuringTheRedriveIsNotMovedAgain() throws Exception {
        fx.failDownload(A, DAY1, "HTTP 404 Not Found", FIRST_FAILURE);
        fx.failDownload(B, DAY1, "HTTP 404 Not Found", FIRST_FAILURE);
        // As if a consumer failed A again at once: each moved message reappears in the DLQ mid-pass.
        DeadLetterQueues queues = fx.service(message -> fx.failDownload(message.disclosureId(), DAY1,
                "HTTP 404 Not Found", FIRST_FAILURE));

        RedriveReport report = queues.redrive(RedriveRequest.everything(QueueKind.DOWNLOAD));

        assertThat(report.moved()).extracting(MovedMessage::disclosureId).containsExactlyInAnyOrder(A, B);
        assertThat(fx.depth(fx.resources.downloadQueueUrl())).isEqualTo(2);
        assertThat(fx.visible(fx.resources.downloadDlqUrl())).isEqualTo(2);
    }

    @Test
    void purgeDeletesAndCountsExactly() {
        fill();
        assertThat(fx.service().purge(QueueKind.DOWNLOAD)).isEqualTo(4);
        assertThat(fx.depth(fx.resources.downloadDlqUrl())).isZero();
        assertThat(fx.depth(fx.resources.persistDlqUrl())).isEqualTo(1);
        assertThat(fx.service().purge(QueueKind.DOWNLOAD)).isZero();
    }

    @Test
    void unfilteredRedriveOnAwsUsesAMoveTask() throws Exception {
        fill();
        DeadLetterQueues queues = fx.service();
        List<MoveTaskResult> seen = new java.util.ArrayList<>();
        RedriveReport report = queues.redrive(RedriveRequest.everything(QueueKind.DOWNLOAD).withMoveTask(true),
                new RedriveProgress() {
                    @Override
                    public void moveTask(MoveTaskResult status) {
                        seen.add(status);
                    }
                });

        assertThat(report.moveTasks()).singleElement().satisfies(task -> {
            assertThat(task.status()).isEqualTo("COMPLETED");
            assertThat(task.moved()).isEqualTo(4);
            assertThat(task.queue()).isEqualTo(QueueKind.DOWNLOAD);
        });
        assertThat(seen).isNotEmpty().last().extracting(MoveTaskResult::status).isEqualTo("COMPLETED");
        assertThat(report.moved()).hasSize(4);
        assertThat(fx.depth(fx.resources.downloadDlqUrl())).isZero();
        assertThat(fx.drain(fx.resources.downloadQueueUrl())).hasSize(4);
        assertThat(fx.depth(fx.resources.persistDlqUrl())).isEqualTo(1);
    }

    @Test
    void aFilteredRedriveOnAwsStillMovesOneByOne() throws Exception {
        fill();
        RedriveReport report = fx.service().redrive(RedriveRequest.everything(QueueKind.DOWNLOAD)
                .withMoveTask(true).withDisclosureIds(Set.of(B)));
        assertThat(report.moveTasks()).isEmpty();
        assertThat(report.moved()).extracting(MovedMessage::disclosureId).containsExactly(B);
        assertThat(fx.depth(fx.resources.downloadDlqUrl())).isEqualTo(3);
    }

    /** Stands for the process dying between SendMessage and DeleteMessage. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String what) {
            super("simulated crash after sending " + what);
        }
    }
}
