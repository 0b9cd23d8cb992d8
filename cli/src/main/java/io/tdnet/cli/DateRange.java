package io.tdnet.cli;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --date D} or {@code --from D1 --to D2}; resolves to the dates in order. */
final class DateRange {
    static final int MAX_DAYS = 366;

    @Option(names = "--date", paramLabel = "D", converter = Dates.class,
            description = "YYYY-MM-DD, today or yesterday (JST).")
    LocalDate date;

    @ArgGroup(exclusive = false)
    Span span;

    static final class Span {
        @Option(names = "--from", paramLabel = "D", required = true, converter = Dates.class, description = "First date of a range.")
        LocalDate from;

        @Option(names = "--to", paramLabel = "D", required = true, converter = Dates.class, description = "Last date of a range (inclusive).")
        LocalDate to;
    }

    List<LocalDate> dates() {
        if (date != null && span != null) throw new IllegalArgumentException("give --date or --from/--to, not both");
        if (date != null) return List.of(date);
        if (span == null) throw new IllegalArgumentException("give --date D or --from D1 --to D2");
        if (span.to.isBefore(span.from)) {
            throw new IllegalArgumentException("--to " + span.to + " is before --from " + span.from);
        }
        if (ChronoUnit.DAYS.between(span.from, span.to) >= MAX_DAYS) {
            throw new IllegalArgumentException("a range is at most " + MAX_DAYS + " days");
        }
        return span.from.datesUntil(span.to.plusDays(1)).toList();
    }
}
