package io.tdnet.telemetry;

/**
 * A minimal JSON writer for flat log and metric documents. Hand-written rather than Jackson so a Lambda
 * cold start loads nothing for it, and so any string at all (control characters, lone surrogates,
 * quotes) comes out as valid JSON.
 */
public final class JsonText {
    private final StringBuilder out = new StringBuilder(256);
    private boolean first = true;

    public JsonText() {
        out.append('{');
    }

    /** Adds a string member; a null value is left out. */
    public JsonText field(String name, String value) {
        if (value == null) return this;
        name(name);
        quote(out, value);
        return this;
    }

    /** Adds a number member. */
    public JsonText field(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    /** Adds a member whose value is already valid JSON (an array or object built elsewhere). */
    public JsonText raw(String name, String json) {
        name(name);
        out.append(json);
        return this;
    }

    /** Closes the object and returns it. */
    public String close() {
        out.append('}');
        return out.toString();
    }

    private void name(String name) {
        if (!first) out.append(',');
        first = false;
        quote(out, name);
        out.append(':');
    }

    /** Appends {@code value} as a JSON string literal. */
    public static void quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    boolean loneSurrogate = Character.isHighSurrogate(c)
                            ? i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
                    // control characters, U+2028/2029 (break JavaScript readers) and lone surrogates
                    // (not encodable as UTF-8) are escaped; a lone surrogate becomes U+FFFD
                    if (loneSurrogate) {
                        out.append("\\ufffd");
                    } else if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** {@code value} as a JSON string literal. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        quote(out, value);
        return out.toString();
    }
}
