package io.tdnet.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayTextTest {

    @Test
    void escapeSequencesAndLineBreaksBecomeVisible() {
        assertThat(DisplayText.of("\u001b[2J\u001b]0;pwned\u0007title\r\nINFO forged"))
                .isEqualTo("\\u001b[2J\\u001b]0;pwned\\u0007title\\u000d\\u000aINFO forged");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x09, 0x1F, 0x7F, 0x80, 0x9B, 0x9F, 0x202A, 0x202E, 0x2066, 0x2069, 0x2028, 0x2029, 0xD800})
    void everyDangerousCharacterIsEscaped(int cp) {
        String shown = DisplayText.of("a" + (char) cp + "b");
        assertThat(shown).isEqualTo("a" + String.format("\\u%04x", cp) + "b");
        assertThat(shown.chars().filter(DisplayText::escapes)).isEmpty();
    }

    @Test
    void japaneseTextAndSupplementaryCharactersStayAsTheyAre() {
        String text = "２０２６年３月期 決算短信〔日本基準〕（連結） 𠮷野家 ‐ – — \\ \" '";
        assertThat(DisplayText.of(text)).isEqualTo(text);
    }

    @Test
    void nullIsEmpty() {
        assertThat(DisplayText.of(null)).isEmpty();
    }

    @Test
    void longTextIsCutToTheLimitWithAnEllipsis() {
        String shown = DisplayText.of("x".repeat(1_000));
        assertThat(shown).hasSize(DisplayText.LIMIT).endsWith("…").startsWith("xxx");
        assertThat(DisplayText.of("x".repeat(DisplayText.LIMIT))).isEqualTo("x".repeat(DisplayText.LIMIT));
    }

    @Test
    void anEscapeOrASurrogatePairIsNeverCutInHalf() {
        assertThat(DisplayText.of("abc\u001bdef", 6)).isEqualTo("abc…");
        assertThat(DisplayText.of("abcd𠮷", 5)).isEqualTo("abcd…");
        assertThat(DisplayText.of("abc𠮷", 5)).isEqualTo("abc𠮷");
    }

    @Test
    void aLimitBelowTwoIsRefused() {
        assertThatThrownBy(() -> DisplayText.of("x", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
