package io.tdnet.serve;

import io.tdnet.model.ArchivedDisclosure;
import io.tdnet.model.Disclosure;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A disclosure as the API returns it: the fields of {@code tdnet export} ({@link ArchivedDisclosure#fields()}:
 * same names, same values, raw — the JSON encoder escapes them) plus {@code links}: the PDF on this server and the TDnet original.
 */
final class DisclosureJson {
    private DisclosureJson() {}

    static Map<String, Object> of(ArchivedDisclosure a) {
        Disclosure d = a.disclosure();
        Map<String, Object> row = a.fields();
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("pdf", "/pdf/" + d.disclosureId().value());
        links.put("tdnet", d.pdfUrl());
        row.put("links", links);
        return row;
    }
}
