package io.tdnet.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.model.DisclosureId;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedriveRequestTest {
    private static final String A = "140120250520500001";
    private static final String B = "140120250520500002";
    private static final LocalDate D1 = LocalDate.of(2025, 5, 20);
    private static final LocalDate D2 = LocalDate.of(2025, 5, 21);

    @Test
    void noFilterMatchesEverythingIncludingUnreadableBodies() {
        RedriveRequest all = RedriveRequest.everything(null);
        assertThat(all.hasFilter()).isFalse();
        assertThat(all.queues()).containsExactly(QueueKind.DOWNLOAD, QueueKind.PERSIST);
        assertThat(all.matches(TestLetters.letter(A, D1, "HTTP 404"))).isTrue();
        assertThat(all.matches(TestLetters.unreadable("malformed"))).isTrue();
    }

    @Test
    void filtersCombine() {
        RedriveRequest byId = RedriveRequest.everything(QueueKind.DOWNLOAD).withDisclosureIds(Set.of(A));
        assertThat(byId.hasFilter()).isTrue();
        assertThat(byId.queues()).containsExactly(QueueKind.DOWNLOAD);
        assertThat(byId.matches(TestLetters.letter(A, D1, "x"))).isTrue();
        assertThat(byId.matches(TestLetters.letter(B, D1, "x"))).isFalse();
        assertThat(byId.matches(TestLetters.unreadable("x"))).isFalse();

        RedriveRequest byReason = RedriveRequest.everything(null).withReasonContaining("404");
        assertThat(byReason.matches(TestLetters.letter(A, D1, "HTTP 404 Not Found"))).isTrue();
        assertThat(byReason.matches(TestLetters.letter(A, D1, "body is not a PDF"))).isFalse();
        assertThat(RedriveRequest.everything(null).withReasonContaining("MAX RECEIVES")
                .matches(TestLetters.letter(A, D1, DeadLetter.MAX_RECEIVES_EXCEEDED))).isTrue();
        assertThat(byReason.matches(TestLetters.unreadable("HTTP 404"))).isTrue();

        RedriveRequest byDate = RedriveRequest.everything(null).withDisclosedDate(D1);
        assertThat(byDate.matches(TestLetters.letter(A, D1, "x"))).isTrue();
        assertThat(byDate.matches(TestLetters.letter(A, D2, "x"))).isFalse();
        assertThat(byDate.matches(TestLetters.unreadable("x"))).isFalse();

        RedriveRequest both = byDate.withReasonContaining("404");
        assertThat(both.matches(TestLetters.letter(A, D1, "HTTP 404"))).isTrue();
        assertThat(both.matches(TestLetters.letter(A, D2, "HTTP 404"))).isFalse();
        assertThat(both.matches(TestLetters.letter(A, D1, "HTTP 500"))).isFalse();
    }

    @Test
    void aBlankReasonIsNoFilter() {
        assertThat(RedriveRequest.everything(null).withReasonContaining("  ").hasFilter()).isFalse();
    }

    @Test
    void rejectsBadIdsAndRates() {
        assertThatThrownBy(() -> RedriveRequest.everything(null).withDisclosureIds(Set.of("12345")))
                .isInstanceOf(DisclosureId.InvalidDisclosureIdException.class);
        assertThatThrownBy(() -> RedriveRequest.everything(null).withMaxPerSecond(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per second");
    }

    @Test
    void queueKindsPairEachDlqWithItsSource() {
        assertThat(QueueKind.parse("Download")).isEqualTo(QueueKind.DOWNLOAD);
        assertThat(QueueKind.parse("persist")).isEqualTo(QueueKind.PERSIST);
        assertThatThrownBy(() -> QueueKind.parse("lister")).hasMessageContaining("download or persist");
        var resources = new io.tdnet.model.PipelineResources("dq", "ddlq", "pq", "pdlq", "t1", "t2", "b");
        assertThat(List.of(QueueKind.DOWNLOAD.dlqUrl(resources), QueueKind.DOWNLOAD.sourceQueueUrl(resources),
                QueueKind.PERSIST.dlqUrl(resources), QueueKind.PERSIST.sourceQueueUrl(resources)))
                .containsExactly("ddlq", "dq", "pdlq", "pq");
    }
}
