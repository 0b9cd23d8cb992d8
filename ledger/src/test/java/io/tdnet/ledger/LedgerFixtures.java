package io.tdnet.ledger;

import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.StoredPdf;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Disclosures and PDFs for ledger tests. */
final class LedgerFixtures {
    static final LocalDate DATE = LocalDate.of(2026, 2, 13);

    private LedgerFixtures() {}

    static Disclosure disclosure(int n) {
        String id = String.format("1401202602%08d", n);
        return new Disclosure(new DisclosureId(id), DATE,
                OffsetDateTime.of(2026, 2, 13, 15, n % 60, 0, 0, ZoneOffset.ofHours(9)),
                String.format("%04d0", 1000 + n % 9000), "会社" + n, "決算短信 " + n, null, "東", null,
                "http://127.0.0.1/inbs/" + id + ".pdf", null);
    }

    static List<Disclosure> disclosures(int count) {
        List<Disclosure> all = new ArrayList<>();
        for (int i = 1; i <= count; i++) all.add(disclosure(i));
        return all;
    }

    static StoredPdf pdf(Disclosure d) {
        return new StoredPdf(d.pdfS3Key(), "sha-" + d.disclosureId().value(), 1000 + d.disclosureId().value().hashCode() % 100);
    }
}
