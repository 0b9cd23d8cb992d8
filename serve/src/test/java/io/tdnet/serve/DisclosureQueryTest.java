package io.tdnet.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DisclosureQueryTest {
    private static DisclosureQuery parse(String query) {
        return DisclosureQuery.parse(QueryParameters.parse(query, DisclosureQuery.PARAMETERS));
    }

    @Test
    void aDayACodeAndATextFilterAreNormalised() {
        DisclosureQuery q = parse("date=2026-02-13&code=7203&q=%EF%BC%A8%EF%BC%B9%EF%BC%B0%EF%BC%A5%EF%BC%B2&limit=7");
        assertThat(q.from()).isEqualTo(LocalDate.of(2026, 2, 13)).isEqualTo(q.to());
        assertThat(q.code()).isEqualTo("72030");
        assertThat(q.q()).isEqualTo("hyper");
        assertThat(q.limit()).isEqualTo(7);
        assertThat(parse("code=130A0").code()).isEqualTo("130A0");
        assertThat(parse("from=2025-02-13&to=2026-02-13").from()).isEqualTo(LocalDate.of(2025, 2, 13));
    }

    @Test
    void aCursorBelongsToItsQueryAndWindow() {
        DisclosureQuery day = parse("date=2026-02-13");
        String cursor = PageCursor.encode(day, "2026-02-13T15:00:00+09:00#140120260213792581");
        assertThat(parse("date=2026-02-13&limit=5&cursor=" + cursor).after()).isEqualTo("2026-02-13T15:00:00+09:00#140120260213792581");
        assertThatThrownBy(() -> parse("date=2026-02-13&code=7203&cursor=" + cursor)).isInstanceOf(BadRequestException.class);
        String outside = PageCursor.encode(day, "2026-02-12T15:00:00+09:00#140120260213792581");
        assertThatThrownBy(() -> parse("date=2026-02-13&cursor=" + outside)).isInstanceOf(BadRequestException.class);
        String badKey = PageCursor.encode(day, "2026-02-13T15:00:00+09:00#1401");
        assertThatThrownBy(() -> parse("date=2026-02-13&cursor=" + badKey)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> parse("date=2026-02-13&cursor=%%%")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void everyBadValueIsABadRequest() {
        for (String bad : new String[] {"", "q=x", "date=2026-02-29", "date=2026-2-1", "from=2025-02-12&to=2026-02-13",
                "from=2026-02-13&to=2026-02-12", "to=2026-02-13", "date=2026-02-13&from=2026-02-13&to=2026-02-13",
                "date=2026-02-13&limit=0", "date=2026-02-13&limit=1001", "date=2026-02-13&limit=1e3", "code=72030A",
                "code=7203a", "date=2026-02-13&q=" + "x".repeat(101), "date=2026-02-13&q=%20", "date=2026-02-13&page=2",
                "date=2026-02-13&date=2026-02-13", "date=" + "9".repeat(3000)}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(BadRequestException.class);
        }
    }
}
