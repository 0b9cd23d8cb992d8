package io.tdnet.tdnetclient;

/** Text from TDnet made safe to log and to put in a message attribute: printable ASCII, bounded. */
public final class Printable {
    private Printable() {}

    public static String of(String s, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) out.append(c);
            else out.append(String.format("\\x%02x", (int) c & 0xff));
        }
        if (out.length() >= max && s.length() > max) out.append('…');
        return out.toString();
    }
}
