package io.tdnet.model;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as stored and exported: ISO-8601 with seconds and offset, always the same width
 * ({@code OffsetDateTime.toString()} drops zero seconds, which would break sorting and comparisons).
 */
public final class IsoTime {
    private IsoTime() {}

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    /** {@code 2026-02-13T15:30:00+09:00}, or with exactly three fraction digits when there is a fraction. */
    public static String format(OffsetDateTime time) {
        if (time == null) return null;
        return (time.getNano() == 0 ? SECONDS : MILLIS).format(time);
    }
}
