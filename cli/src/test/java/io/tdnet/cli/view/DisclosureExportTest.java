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
        assertThat(lines[1]).endsWith(",pdf/2026/02/13/140120260213512345.pdf,abc,1234");
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
