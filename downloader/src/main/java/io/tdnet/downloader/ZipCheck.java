package io.tdnet.downloader;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The checks an XBRL zip passes before it is stored, on the bytes as received: it starts with a local
 * file header ({@code PK\x03\x04}) and ends with an end-of-central-directory record whose comment runs
 * exactly to the last byte (so a zip cut short fails). Nothing is unpacked: what is stored is what TDnet
 * sent, and no archive content is ever expanded here (no zip bomb can cost memory or disk).
 */
final class ZipCheck {
    private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};
    private static final int EOCD_SIGNATURE = 0x06054b50;
    /** The fixed part of the end-of-central-directory record. */
    static final int EOCD_LENGTH = 22;
    private static final int MAX_COMMENT = 0xffff;

    private ZipCheck() {}

    /** Why {@code zip} is not a whole zip archive, or empty when it is one. */
    static Optional<String> problem(byte[] zip) {
        if (zip.length == 0) return Optional.of("not a zip (empty body)");
        for (int i = 0; i < LOCAL_HEADER.length; i++) {
            if (i >= zip.length || zip[i] != LOCAL_HEADER[i]) {
                String head = new String(zip, 0, Math.min(zip.length, 16), StandardCharsets.ISO_8859_1);
                return Optional.of("not a zip (starts with " + io.tdnet.tdnetclient.Printable.of(head, 16) + ")");
            }
        }
        if (!hasEndRecord(zip)) return Optional.of("truncated zip (no end-of-central-directory record)");
        return Optional.empty();
    }

    /** Scans back from the end: the record sits at {@code length − 22 − comment length}. */
    private static boolean hasEndRecord(byte[] zip) {
        int last = zip.length - EOCD_LENGTH;
        int first = Math.max(LOCAL_HEADER.length, last - MAX_COMMENT);
        for (int at = last; at >= first; at--) {
            if (int32(zip, at) == EOCD_SIGNATURE && at + EOCD_LENGTH + uint16(zip, at + 20) == zip.length) return true;
        }
        return false;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static int uint16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }
}
