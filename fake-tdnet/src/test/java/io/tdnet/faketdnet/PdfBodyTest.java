package io.tdnet.faketdnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.DisclosureId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PdfBodyTest {
    @Test
    void bodiesArePdfLikeDeterministicAndOfTheDeclaredSize() throws Exception {
        String id = "140120260213512345";
        byte[] a = PdfBody.bytes(1, id, 40_000);
        byte[] b = PdfBody.bytes(1, id, 40_000);
        byte[] c = PdfBody.bytes(2, id, 40_000);

        assertThat(a).hasSize(40_000).isEqualTo(b);
        assertThat(Arrays.equals(a, c)).isFalse();
        assertThat(new String(a, 0, 7, StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.");
        assertThat(new String(a, a.length - 5, 5, StandardCharsets.US_ASCII)).isEqualTo("%%EOF");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(a));
        assertThat(PdfBody.sha256(1, id, 40_000)).isEqualTo(expected);
        assertThat(PdfBody.bytes(1, id, PdfBody.MIN_SIZE)).hasSize(PdfBody.MIN_SIZE);
    }

    @Test
    void defaultSizesAreAFewKilobytesToSixty() {
        DocumentStore store = new DocumentStore();
        FakeDay day = new FakeDay(LocalDate.of(2026, 2, 13), 300, 3, store);
        for (DisclosureId id : day.ids()) {
            assertThat(store.get(id).size()).isBetween(3_000L, 60_000L);
        }
        assertThat(day.ids().stream().map(id -> store.get(id).size()).distinct().count()).isGreaterThan(200);
    }
}
