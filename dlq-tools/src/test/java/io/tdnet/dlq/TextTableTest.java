package io.tdnet.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void alignsColumnsAndShowsMissingCellsAsDash() {
        StringWriter text = new StringWriter();
        new TextTable("A", "LONG HEADER", "C").row("xxxx", null, 1).print(new PrintWriter(text));
        assertThat(text.toString().lines()).containsExactly("A     LONG HEADER  C", "xxxx  -            1");
    }

    @Test
    void cellsFromTdnetReachTheTerminalWithoutControlCharacters() {
        StringWriter text = new StringWriter();
        new TextTable("DISCLOSURE", "REASON").row("-", "not a PDF: \u001b]0;owned\u0007\r\nforged\u202e").print(new PrintWriter(text));
        assertThat(text.toString().lines()).containsExactly("DISCLOSURE  REASON",
                "-           not a PDF: \\u001b]0;owned\\u0007\\u000d\\u000aforged\\u202e");
    }

    @Test
    void agesAreShort() {
        assertThat(TextTable.age(Duration.ofSeconds(12))).isEqualTo("12s");
        assertThat(TextTable.age(Duration.ofSeconds(312))).isEqualTo("5m 12s");
        assertThat(TextTable.age(Duration.ofMinutes(123))).isEqualTo("2h 03m");
        assertThat(TextTable.age(Duration.ofHours(76))).isEqualTo("3d 04h");
        assertThat(TextTable.age(null)).isEqualTo("-");
        assertThat(TextTable.queueName("http://127.0.0.1:9324/000000000000/tdnet-download-dlq")).isEqualTo("tdnet-download-dlq");
    }
}
