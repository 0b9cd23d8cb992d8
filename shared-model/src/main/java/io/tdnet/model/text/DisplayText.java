package io.tdnet.model.text;

/**
 * Text from TDnet (titles, company names, hrefs, reasons that quote them) made safe for a terminal or a
 * plain-text log line: every character that could move the cursor, start an escape sequence, end the
 * line or reorder what follows is written as a visible {@code \}{@code uXXXX}, and the result is at most
 * {@link #LIMIT} characters (or the limit given), so one hostile row can neither rewrite the screen,
 * forge a log line, nor flood it.
 *
 * <p>Escaped: C0 controls U+0000–U+001F (tab, CR and LF included), DEL U+007F, C1 controls
 * U+0080–U+009F, the bidi embeddings/overrides U+202A–U+202E and isolates U+2066–U+2069, the line and
 * paragraph separators U+2028/U+2029, and unpaired surrogates. Everything else, Japanese text included,
 * is kept as it is. JSON output does not use this: its encoder escapes the value already.
 */
public final class DisplayText {
    /** Longest result of {@link #of(String)} (a cell: title, name, href), in UTF-16 characters, the ellipsis included. */
    public static final int LIMIT = 200;
    /** Longest result of {@link #message(String)} (a reason or a whole log message, which may quote several cells). */
    public static final int MESSAGE_LIMIT = 2_000;
    private static final char ELLIPSIS = '…';

    private DisplayText() {}

    /** {@code text} escaped and cut to {@link #LIMIT} characters; null becomes the empty string. */
    public static String of(String text) {
        return of(text, LIMIT);
    }

    /** {@code text} escaped and cut to {@link #MESSAGE_LIMIT} characters; null becomes the empty string. */
    public static String message(String text) {
        return of(text, MESSAGE_LIMIT);
    }

    /**
     * {@code text} escaped, cut to at most {@code limit} characters (≥ 2) with a trailing {@code …} when
     * something was left out; an escape or a surrogate pair is never cut in half.
     */
    public static String of(String text, int limit) {
        if (limit < 2) throw new IllegalArgumentException("limit must be ≥ 2: " + limit);
        if (text == null) return "";
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit) + 8);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            boolean last = i + width >= text.length();
            String shown = escapes(cp) ? String.format("\\u%04x", cp) : new String(Character.toChars(cp));
            // Room for the ellipsis unless this is the last piece of the text.
            int room = limit - out.length() - (last ? 0 : 1);
            if (shown.length() > room) return out.append(ELLIPSIS).toString();
            out.append(shown);
            i += width;
        }
        return out.toString();
    }

    /** True when {@code cp} is one of the characters this class writes as an escape. */
    public static boolean escapes(int cp) {
        return cp <= 0x1F
                || (cp >= 0x7F && cp <= 0x9F)
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x2028 || cp == 0x2029
                || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }
}
