package io.tdnet.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.ArchivedDisclosure;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.StoredPdf;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DisclosureExportTest {
    private final ArchivedDisclosure archived = new ArchivedDisclosure(
            new Disclosure(new DisclosureId("140120260213512345"), LocalDate.of(2026, 2, 13),
                    OffsetDateTime.of(2026, 2, 13, 15, 30, 0, 0, ZoneOffset.ofHours(9)), "130A0", "テスト, \"株\"",
                    "決算短信 & 〔日本基準〕", "旧表題", "東名", "2026/02/13 16:00 表題変更",
                    "https://www.release.tdnet.info/inbs/140120260213512345.pdf", null),
            new StoredPdf("pdf/2026/02/13/140120260213512345.pdf", "abc", 1234), "exec", null, null);

    @Test
    void csvQuotesWhatNeedsQuotingAndKeepsTheColumnOrder() {
        StringWriter out = new StringWriter();
        long n = new DisclosureExport(new JsonCodec().mapper()).write(Stream.of(archived), DisclosureExport.Format.csv, out);
        assertThat(n).isEqualTo(1);
        String[] lines = out.toString().split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", DisclosureExport.COLUMNS));
        assertThat(lines[1]).startsWith("140120260213512345,2026-02-13,2026-02-13T15:30:00+09:00,130A0,\"テスト, \"\"株\"\"\",決算短信 & 〔日本基準〕,旧表題,東名,");
        // no archived XBRL: its two columns are empty
        assertThat(lines[1]).endsWith(",pdf/2026/02/13/140120260213512345.pdf,abc,1234,,");
    }

    @Test
    void anArchivedXbrlFillsItsKeyAndSha256() {
        ArchivedDisclosure withXbrl = new ArchivedDisclosure(archived.disclosure(), archived.pdf(), archived.firstExecutionId(),
                archived.storedAt(), archived.withdrawnAt(),
                new io.tdnet.model.StoredXbrl("xbrl/2026/02/13/140120260213512345.zip", "def", 99));
        StringWriter out = new StringWriter();
        new DisclosureExport(new JsonCodec().mapper()).write(Stream.of(withXbrl), DisclosureExport.Format.csv, out);
        assertThat(out.toString().split("\r\n")[1])
                .endsWith(",pdf/2026/02/13/140120260213512345.pdf,abc,1234,xbrl/2026/02/13/140120260213512345.zip,def");
    }

    private final ArchivedDisclosure hostile = new ArchivedDisclosure(
            new Disclosure(new DisclosureId("140120260213512346"), LocalDate.of(2026, 2, 13),
                    OffsetDateTime.of(2026, 2, 13, 15, 30, 0, 0, ZoneOffset.ofHours(9)), "13010", "+81 株式会社\n@evil",
                    "=HYPERLINK(\"http://evil.example/\",\"開示\")", "-1+1", "\t東", "\r2026",
                    "https://www.release.tdnet.info/inbs/140120260213512346.pdf", "@SUM(A1)"),
            new StoredPdf("pdf/2026/02/13/140120260213512346.pdf", "abc", 1234), "exec", null, null);

    @Test
    void csvCellsThatStartLikeAFormulaGetALeadingQuote() {
        StringWriter out = new StringWriter();
        new DisclosureExport(new JsonCodec().mapper()).write(Stream.of(hostile, archived), DisclosureExport.Format.csv, out);
        List<List<String>> rows = CsvCells.parse(out.toString());
        assertThat(rows).hasSize(3);
        Map<String, String> cells = cells(rows.get(1));
        assertThat(cells.get("company_name")).isEqualTo("'+81 株式会社\n@evil");
        assertThat(cells.get("title")).isEqualTo("'=HYPERLINK(\"http://evil.example/\",\"開示\")");
        assertThat(cells.get("previous_title")).isEqualTo("'-1+1");
        assertThat(cells.get("exchanges")).isEqualTo("'\t東");
        assertThat(cells.get("history")).isEqualTo("'\r2026");
        assertThat(cells.get("xbrl_url")).isEqualTo("'@SUM(A1)");
        // a cell that does not start like a formula is left alone, wherever the characters are
        assertThat(cells.get("company_code")).isEqualTo("13010");
        assertThat(cells(rows.get(2)).get("company_name")).isEqualTo("テスト, \"株\"");
        // no raw cell of any row starts like a formula
        rows.stream().flatMap(List::stream).forEach(cell -> assertThat(DisclosureExport.startsLikeAFormula(cell)).as(cell).isFalse());
    }

    @Test
    void jsonlStaysRaw() {
        StringWriter out = new StringWriter();
        new DisclosureExport(new JsonCodec().mapper()).write(Stream.of(hostile), DisclosureExport.Format.jsonl, out);
        assertThat(out.toString()).contains("\"title\":\"=HYPERLINK(\\\"http://evil.example/\\\",\\\"開示\\\")\"",
                "\"company_name\":\"+81 株式会社\\n@evil\"", "\"previous_title\":\"-1+1\"");
    }

    private static Map<String, String> cells(List<String> row) {
        assertThat(row).hasSize(DisclosureExport.COLUMNS.size());
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) cells.put(DisclosureExport.COLUMNS.get(i), row.get(i));
        return cells;
    }

    @Test
    void jsonlHasEveryColumnIncludingNulls() {
        StringWriter out = new StringWriter();
        new DisclosureExport(new JsonCodec().mapper()).write(Stream.of(archived, archived), DisclosureExport.Format.jsonl, out);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        for (String column : DisclosureExport.COLUMNS) assertThat(lines[0]).contains("\"" + column + "\":");
        assertThat(lines[0]).contains("\"xbrl_url\":null", "\"withdrawn_at\":null", "\"pdf_bytes\":1234");
    }
}
