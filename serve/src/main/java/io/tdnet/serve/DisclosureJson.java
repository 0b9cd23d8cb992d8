package io.tdnet.serve;

import io.tdnet.model.ArchivedDisclosure;
import io.tdnet.model.Disclosure;
import io.tdnet.model.IsoTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A disclosure as the API returns it: the columns of {@code tdnet export} (same names, same values, raw:
 * the JSON encoder escapes them) plus {@code links}: the PDF on this server and the TDnet original.
 */
final class DisclosureJson {
    private DisclosureJson() {}

    static Map<String, Object> of(ArchivedDisclosure a) {
        Disclosure d = a.disclosure();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("disclosure_id", d.disclosureId().value());
        row.put("disclosed_date", d.disclosedDate().toString());
        row.put("disclosed_at", IsoTime.format(d.disclosedAt()));
        row.put("company_code", d.companyCode());
        row.put("company_name", d.companyName());
        row.put("title", d.title());
        row.put("previous_title", d.previousTitle());
        row.put("exchanges", d.exchanges());
        row.put("history", d.history());
        row.put("withdrawn_at", IsoTime.format(a.withdrawnAt()));
        row.put("pdf_url", d.pdfUrl());
        row.put("xbrl_url", d.xbrlUrl());
        row.put("pdf_s3_key", a.pdf().s3Key());
        row.put("pdf_sha256", a.pdf().sha256());
        row.put("pdf_bytes", a.pdf().bytes());
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("pdf", "/pdf/" + d.disclosureId().value());
        links.put("tdnet", d.pdfUrl());
        row.put("links", links);
        return row;
    }
}
