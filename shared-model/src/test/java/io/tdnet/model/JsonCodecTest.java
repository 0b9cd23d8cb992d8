package io.tdnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
    private final JsonCodec codec = new JsonCodec();

    static Disclosure sample() {
        return new Disclosure(new DisclosureId("140120260213512345"), LocalDate.of(2026, 2, 13),
                OffsetDateTime.of(2026, 2, 13, 15, 30, 0, 0, ZoneOffset.ofHours(9)), "130A0", "テスト",
                "決算短信 &amp; 〔日本基準〕", null, "東", null,
                "https://www.release.tdnet.info/inbs/140120260213512345.pdf", null);
    }

    @Test
    void downloadMessageRoundTripsWithSnakeCaseAndOffset() {
        String json = codec.encode(DownloadMessage.of("exec-1", sample()));
        assertThat(json).contains("\"schema_version\":1", "\"disclosure_id\":\"140120260213512345\"",
                "\"disclosed_at\":\"2026-02-13T15:30:00+09:00\"");
        assertThat(codec.decodeDownload(json)).isEqualTo(DownloadMessage.of("exec-1", sample()));
    }

    @Test
    void persistMessageRoundTrips() {
        PersistMessage stored = PersistMessage.stored("e", sample(), new StoredPdf("pdf/2026/02/13/140120260213512345.pdf", "ab", 12));
        assertThat(codec.decodePersist(codec.encode(stored))).isEqualTo(stored);
        PersistMessage failed = PersistMessage.failed("e", sample(), "http 404");
        assertThat(codec.decodePersist(codec.encode(failed))).isEqualTo(failed);
    }

    @Test
    void rejectsUnknownSchemaVersionAndGarbage() {
        String json = codec.encode(DownloadMessage.of("exec-1", sample())).replace("\"schema_version\":1", "\"schema_version\":2");
        assertThatThrownBy(() -> codec.decodeDownload(json)).isInstanceOf(JsonCodec.MalformedMessageException.class)
                .hasMessageContaining("schema_version");
        assertThatThrownBy(() -> codec.decodeDownload("not json")).isInstanceOf(JsonCodec.MalformedMessageException.class);
        assertThatThrownBy(() -> codec.decodeDownload("[1]")).isInstanceOf(JsonCodec.MalformedMessageException.class);
    }

    @Test
    void rejectsAnInvalidIdInsideAMessage() {
        String json = codec.encode(DownloadMessage.of("exec-1", sample())).replace("140120260213512345\"", "../x\"");
        assertThatThrownBy(() -> codec.decodeDownload(json)).isInstanceOf(JsonCodec.MalformedMessageException.class);
    }
}
