package io.tdnet.cli.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tdnet.model.ArchivedDisclosure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes stored disclosures as JSON lines or CSV, one at a time (a range is never held in memory). CSV
 * cells that a spreadsheet would read as a formula are neutralised ({@link #csvField}); JSON stays raw.
 */
public final class DisclosureExport {
    public static final List<String> COLUMNS = List.of("disclosure_id", "disclosed_date", "disclosed_at", "company_code",
            "company_name", "title", "previous_title", "exchanges", "history", "withdrawn_at", "pdf_url", "xbrl_url",
            "pdf_s3_key", "pdf_sha256", "pdf_bytes", "xbrl_s3_key", "xbrl_sha256");

    public enum Format { jsonl, csv }

    private final ObjectMapper mapper;

    public DisclosureExport(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Returns how many disclosures were written. */
    public long write(Stream<ArchivedDisclosure> disclosures, Format format, Writer out) {
        long[] count = {0};
        try {
            if (format == Format.csv) out.write(String.join(",", COLUMNS) + "\r\n");
            disclosures.forEach(a -> {
                try {
                    Map<String, Object> row = row(a);
                    if (format == Format.jsonl) {
                        out.write(mapper.writeValueAsString(row));
                        out.write('\n');
                    } else {
                        out.write(csvLine(row));
                    }
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    static Map<String, Object> row(ArchivedDisclosure a) {
        return a.fields();
    }

    private static String csvLine(Map<String, Object> row) {
        StringBuilder line = new StringBuilder();
        for (String column : COLUMNS) {
            if (line.length() > 0) line.append(',');
            Object value = row.get(column);
            if (value != null) line.append(csvField(value.toString()));
        }
        return line.append("\r\n").toString();
    }

    /**
     * One CSV cell (RFC 4180 quoting), neutralised as OWASP recommends against CSV injection: a value that
     * starts with {@code = + - @}, a tab or a carriage return gets a leading {@code '}, so a spreadsheet
     * shows it as text instead of evaluating it as a formula. JSON lines are written raw.
     */
    static String csvField(String value) {
        String cell = startsLikeAFormula(value) ? "'" + value : value;
        boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0;
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    /** The first characters a spreadsheet reads as the start of a formula (OWASP, CSV injection). */
    public static boolean startsLikeAFormula(String value) {
        if (value.isEmpty()) return false;
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> true;
            default -> false;
        };
    }
}
