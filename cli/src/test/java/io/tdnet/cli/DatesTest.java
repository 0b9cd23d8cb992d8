package io.tdnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DatesTest {
    // 2026-02-13 16:30 UTC is already 2026-02-14 01:30 in Tokyo
    private final Dates dates = new Dates(Clock.fixed(Instant.parse("2026-02-13T16:30:00Z"), ZoneOffset.UTC));

    @Test
    void todayAndYesterdayAreJst() {
        assertThat(dates.convert("today")).isEqualTo(LocalDate.of(2026, 2, 14));
        assertThat(dates.convert("yesterday")).isEqualTo(LocalDate.of(2026, 2, 13));
        assertThat(dates.convert("2026-01-05")).isEqualTo(LocalDate.of(2026, 1, 5));
    }

    @Test
    void impossibleDatesAreRefusedWithTheValue() {
        assertThatThrownBy(() -> dates.convert("2026-02-30")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("2026-02-30");
        assertThatThrownBy(() -> dates.convert("13/02/2026")).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
