package io.tdnet.dlq;

import io.tdnet.model.text.DisplayText;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A left-aligned, space-padded table for terminal output. Every cell goes through {@link DisplayText}: DLQ
 * messages carry reasons and hrefs from TDnet, which must not reach the terminal as control characters.
 */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    TextTable row(Object... cells) {
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
            Object cell = i < cells.length ? cells[i] : null;
            row[i] = cell == null ? "-" : DisplayText.of(cell.toString());
        }
        rows.add(row);
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) widths[i] = Math.max(widths[i], row[i].length());
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) line.append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** "3d 04h", "2h 03m", "5m 12s", "12s". */
    static String age(Duration age) {
        if (age == null) return "-";
        long s = age.toSeconds();
        if (s >= 86_400) return String.format("%dd %02dh", s / 86_400, (s % 86_400) / 3_600);
        if (s >= 3_600) return String.format("%dh %02dm", s / 3_600, (s % 3_600) / 60);
        if (s >= 60) return String.format("%dm %02ds", s / 60, s % 60);
        return s + "s";
    }

    /** The last path segment of a queue URL: its name. */
    static String queueName(String url) {
        if (url == null) return "-";
        String[] parts = url.split("/");
        return parts.length == 0 ? url : parts[parts.length - 1];
    }

    @Override
    public String toString() {
        return rows.stream().map(Arrays::toString).toList().toString();
    }
}
