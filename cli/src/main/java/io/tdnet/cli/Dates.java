package io.tdnet.cli;

import io.tdnet.model.Tdnet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Parses {@code YYYY-MM-DD}, {@code today} and {@code yesterday} (both in JST). */
final class Dates implements CommandLine.ITypeConverter<LocalDate> {
    private final Clock clock;

    Dates() {
        this(Clock.systemUTC());
    }

    Dates(Clock clock) {
        this.clock = clock;
    }

    @Override
    public LocalDate convert(String value) {
        LocalDate today = LocalDate.now(clock.withZone(Tdnet.JST));
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "today" -> today;
            case "yesterday" -> today.minusDays(1);
            default -> parse(value.strip());
        };
    }

    private static LocalDate parse(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a date: use YYYY-MM-DD (a real calendar date), today or yesterday");
        }
    }
}
