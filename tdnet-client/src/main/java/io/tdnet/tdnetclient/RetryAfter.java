package io.tdnet.tdnetclient;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The HTTP {@code Retry-After} header (RFC 9110 §10.2.3): either a number of seconds or an HTTP date.
 * Anything unreadable is ignored (the backoff schedule applies), never trusted.
 */
public final class RetryAfter {
    private RetryAfter() {}

    /**
     * How long the server asks us to wait, counted from {@code now}; a date in the past is zero.
     * Empty when the header is absent or unreadable.
     */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null) return Optional.empty();
        String value = header.strip();
        if (value.isEmpty()) return Optional.empty();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // Absurdly long digit strings are clamped rather than rejected: they mean "a long time".
            if (value.length() > 9) return Optional.of(Duration.ofSeconds(999_999_999L));
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
