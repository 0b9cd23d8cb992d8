package io.tdnet.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/**
 * A TDnet document id: the full 18-digit stem of the PDF link. Constructing one validates it, so an
 * id that reaches an S3 key, a DynamoDB key or a log line has always been checked.
 */
public record DisclosureId(String value) implements Comparable<DisclosureId> {
    private static final Pattern VALID = Pattern.compile("^[0-9]{18}$");

    public DisclosureId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidDisclosureIdException(value);
        }
    }

    @JsonCreator
    public static DisclosureId of(String value) {
        return new DisclosureId(value);
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(DisclosureId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Thrown for anything that is not exactly 18 ASCII digits. */
    public static final class InvalidDisclosureIdException extends IllegalArgumentException {
        public InvalidDisclosureIdException(String value) {
            super("not a TDnet disclosure id (want 18 digits): " + abbreviate(value));
        }

        private static String abbreviate(String value) {
            if (value == null) return "null";
            return value.length() > 80 ? '"' + value.substring(0, 80) + "…\"" : '"' + value + '"';
        }
    }
}
