package io.tdnet.faketdnet;

import io.tdnet.model.DisclosureId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every document id the fake knows, its generator seed, size and whether it is still served. */
final class DocumentStore {
    record Document(long seed, long size, boolean withdrawn) {}

    private static final int MIN_DEFAULT = 3_000;
    private static final int SPREAD = 57_000;

    private final Map<DisclosureId, Document> documents = new ConcurrentHashMap<>();

    /** Registers a fresh id; false when it is taken (ids are distinct across the whole fake). */
    boolean claim(DisclosureId id, long seed) {
        long size = MIN_DEFAULT + Math.floorMod(seed * 31 + Long.parseLong(id.value().substring(4)) * 0x9E3779B1L, SPREAD);
        return documents.putIfAbsent(id, new Document(seed, size, false)) == null;
    }

    boolean isTaken(DisclosureId id) {
        return documents.containsKey(id);
    }

    Document get(DisclosureId id) {
        return documents.get(id);
    }

    Document require(DisclosureId id) {
        Document d = documents.get(id);
        if (d == null) throw new IllegalArgumentException("no such document: " + id);
        return d;
    }

    void withdraw(DisclosureId id) {
        documents.computeIfPresent(id, (k, d) -> new Document(d.seed(), d.size(), true));
    }

    void setSize(DisclosureId id, long size) {
        if (size < PdfBody.MIN_SIZE) throw new IllegalArgumentException("size too small: " + size);
        if (documents.computeIfPresent(id, (k, d) -> new Document(d.seed(), size, d.withdrawn())) == null) {
            throw new IllegalArgumentException("no such document: " + id);
        }
    }
}
