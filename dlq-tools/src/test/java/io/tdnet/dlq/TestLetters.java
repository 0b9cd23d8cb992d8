package io.tdnet.dlq;

import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.DownloadMessage;
import io.tdnet.model.JsonCodec;
import io.tdnet.model.PersistMessage;
import io.tdnet.model.StoredPdf;
import io.tdnet.model.Tdnet;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/** Realistic message bodies for the DLQ tests. */
final class TestLetters {
    private TestLetters() {}

    static final JsonCodec CODEC = new JsonCodec();

    static Disclosure disclosure(String id, LocalDate date) {
        OffsetDateTime at = date.atTime(LocalTime.of(15, 30)).atZone(Tdnet.JST).toOffsetDateTime();
        return new Disclosure(DisclosureId.of(id), date, at, "7203", "トヨタ自動車", "決算短信", null, "東", null,
                Tdnet.DEFAULT_BASE_URL + id + ".pdf", null);
    }

    static String downloadBody(String executionId, String id, LocalDate date) {
        return CODEC.encode(DownloadMessage.of(executionId, disclosure(id, date)));
    }

    static String persistBody(String executionId, String id, LocalDate date) {
        Disclosure d = disclosure(id, date);
        return CODEC.encode(PersistMessage.stored(executionId, d, new StoredPdf(d.pdfS3Key(), "ab".repeat(32), 1234)));
    }

    static DeadLetter letter(String id, LocalDate date, String reason) {
        return new DeadLetter(QueueKind.DOWNLOAD, "m-" + id, id, "exec-1", date, reason, 1, null, null, null, null);
    }

    static DeadLetter unreadable(String reason) {
        return new DeadLetter(QueueKind.DOWNLOAD, "m-bad", null, null, null, reason, 1, null, null, null, "malformed");
    }
}
