package io.tdnet.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.Outcome;
import io.tdnet.model.OutcomeRow;
import io.tdnet.model.text.DisplayText;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusViewTest {
    private static final OffsetDateTime START = OffsetDateTime.parse("2026-02-13T15:00:00+09:00");
    private final ExecutionSummary summary = new ExecutionSummary("e1", LocalDate.of(2026, 2, 13),
            ExecutionStatus.COMPLETED_WITH_FAILURES, "page 2 said \u001b[31m\r\nfake", 3L, 3, 0, 0, 0, 0, 3,
            START, START.plusSeconds(5), START.plusSeconds(5));
    private final List<OutcomeRow> failures = List.of(
            new OutcomeRow("e1", null, "javascript:alert(1)\u001b]0;owned\u0007", Outcome.FAILED, "not a document link: \u202e\u2028x"),
            new OutcomeRow("e1", null, null, Outcome.FAILED, "no link"),
            new OutcomeRow("e1", new DisclosureId("140120260213512345"), null, Outcome.FAILED, "HTTP 404"));

    @Test
    void theHumanFormHasNoControlCharacterAndListsEveryFailure() {
        String shown = StatusView.human(summary, failures);
        String withoutLineEnds = shown.replace(System.lineSeparator(), "");
        assertThat(withoutLineEnds.codePoints().filter(DisplayText::escapes)).isEmpty();
        assertThat(shown).contains("javascript:alert(1)\\u001b]0;owned\\u0007", "not a document link: \\u202e\\u2028x",
                "page 2 said \\u001b[31m\\u000d\\u000afake", "(no link)", "140120260213512345");
        assertThat(shown).contains("failures   3");
    }

    @Test
    void jsonKeepsTheValuesRaw() {
        var json = StatusView.json(summary, failures);
        assertThat(json.get("reason")).isEqualTo("page 2 said \u001b[31m\r\nfake");
        assertThat((List<?>) json.get("failures")).hasSize(3);
    }
}
