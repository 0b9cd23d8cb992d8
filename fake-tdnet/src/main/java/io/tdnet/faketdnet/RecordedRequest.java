package io.tdnet.faketdnet;

import java.time.Instant;
import java.util.Map;

/**
 * One request as the fake received it, recorded before it was answered (faulted requests included).
 *
 * @param nanoTime {@link System#nanoTime()} when the request's first byte had been read (its arrival): use it to
 *                 measure pacing
 * @param at       wall-clock time of the same moment
 * @param method   {@code GET}, {@code HEAD}, …
 * @param path     the raw request target as sent, e.g. {@code /inbs/I_list_001_20260213.html}
 * @param headers  request headers; look-ups ignore case; repeated headers are joined with {@code ", "}
 * @param remote   the client's address, e.g. {@code 127.0.0.1:53124}
 */
public record RecordedRequest(long nanoTime, Instant at, String method, String path, Map<String, String> headers,
                              String remote) {

    /** A header's value, or null; the name is case-insensitive. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The last path segment without query, e.g. {@code 140120260213512345.pdf}. */
    public String fileName() {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) p = p.substring(0, q);
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** True for a request for a list page ({@code I_list_…}). */
    public boolean isListPage() {
        return fileName().startsWith("I_list_");
    }

    /** True for a request for a document ({@code ….pdf}). */
    public boolean isPdf() {
        return fileName().endsWith(".pdf");
    }
}
