package io.tdnet.model.text;

/**
 * The one output-encoding rule for HTML and XML (the run report, and any page or feed served later):
 * {@code & < > " '} become character references, so a value is safe both as element content and inside
 * a quoted attribute; characters XML 1.0 forbids (C0 controls other than tab, LF and CR, U+FFFE, U+FFFF
 * and unpaired surrogates) are dropped, since no escape makes them legal in XML 1.0.
 */
public final class MarkupText {
    private MarkupText() {}

    /** {@code text} encoded for HTML/XML content or a quoted attribute value; null becomes the empty string. */
    public static String escape(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (allowedInXml(cp)) out.appendCodePoint(cp);
                }
            }
        }
        return out.toString();
    }

    /** The XML 1.0 {@code Char} production: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. */
    public static boolean allowedInXml(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
