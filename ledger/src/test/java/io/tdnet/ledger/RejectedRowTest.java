package io.tdnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RejectedRowTest {
    private final RejectedRow row = new RejectedRow("15:00", "13010", "極洋", "決算短信", "javascript:alert(1)", "not a document link");

    @Test
    void identicalRowsAreNumberedAndGetDistinctKeys() {
        RejectedRow other = new RejectedRow("15:00", "13010", "極洋", "決算短信", "../x.pdf", "not a document link");
        List<RejectedRow> numbered = RejectedRow.numbered(List.of(row, other, row, row.withReason("other reason")));
        assertThat(numbered).extracting(RejectedRow::ordinal).containsExactly(0, 0, 1, 2);
        assertThat(numbered.stream().map(RejectedRow::entryKey).distinct()).hasSize(4);
        assertThat(numbered).allSatisfy(r -> assertThat(r.entryKey()).matches("R#[0-9a-f]{16}"));
    }

    @Test
    void keysAreStableWhenThePagesAreReadAgain() {
        List<String> first = RejectedRow.numbered(List.of(row, row)).stream().map(RejectedRow::entryKey).toList();
        List<String> again = RejectedRow.numbered(RejectedRow.numbered(List.of(row, row))).stream().map(RejectedRow::entryKey).toList();
        assertThat(again).isEqualTo(first);
        assertThat(first.get(0)).isEqualTo(row.entryKey());
    }

    @Test
    void everyCellOfTheRowIsPartOfTheKey() {
        assertThat(new RejectedRow("15:00", "13010", "極洋 ", "決算短信", "javascript:alert(1)", "r").entryKey())
                .isNotEqualTo(row.entryKey());
        assertThat(row.withReason("another reason").entryKey()).isEqualTo(row.entryKey());
    }

    @Test
    void aNegativeOrdinalIsRefused() {
        assertThatThrownBy(() -> new RejectedRow("15:00", "13010", "n", "t", "h", "r", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
