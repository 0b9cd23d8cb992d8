package io.tdnet.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes one single-line JSON object with Jackson's streaming generator (jackson-core only: no
 * databind on the Lambdas' logging and metrics path). Strings are made well-formed first — a lone
 * surrogate becomes U+FFFD — so any text at all comes out as JSON that encodes as UTF-8.
 */
final class JsonLines {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** What fills the object. */
    @FunctionalInterface
    interface Members {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonLines() {}

    static String object(Members members) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            members.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter cannot fail", e);
        }
        return out.toString();
    }

    /** {@code value} with every lone surrogate replaced by U+FFFD. */
    static String wellFormed(String value) {
        if (value == null) return null;
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
            if (lone && out == null) out = new StringBuilder(value.substring(0, i));
            if (out != null) out.append(lone ? '\uFFFD' : c);
        }
        return out == null ? value : out.toString();
    }
}
