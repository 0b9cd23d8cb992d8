package io.tdnet.faketdnet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The XBRL zips the fake serves, and the bad answers a zip URL can give ({@link Fault}). A healthy zip
 * is a real archive (a summary XBRL instance and a manifest), the same bytes for the same file name.
 */
public final class XbrlZip {
    private XbrlZip() {}

    /** A misbehaviour of one zip URL, for its first {@code times} requests (then it is healthy). */
    public record Fault(Kind kind, int times) {
        public Fault {
            if (times < 1) throw new IllegalArgumentException("times must be ≥ 1: " + times);
        }

        /** What the URL answers instead of the zip. */
        public enum Kind {
            /** 200 with a zip cut short: no end-of-central-directory record, the full (short) length declared. */
            TRUNCATED,
            /** 200, {@code text/html}: TDnet's error page instead of the zip. */
            HTML,
            /** 200 with a Content-Length of {@link #OVERSIZE_BYTES} (a zip-looking body). */
            OVERSIZE,
            /** 404. */
            NOT_FOUND,
            /** 503: transient, retried. */
            UNAVAILABLE
        }

        public static Fault forever(Kind kind) {
            return new Fault(kind, Integer.MAX_VALUE);
        }
    }

    /** The declared size of an OVERSIZE answer: over a small test cap, far under the 20 MB default. */
    public static final int OVERSIZE_BYTES = 256 * 1024;

    /** The healthy zip of {@code fileName} ({@code 0812…zip}). */
    public static byte[] bytes(String fileName) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buffer, StandardCharsets.UTF_8)) {
            String stem = fileName.replace(".zip", "");
            zip.putNextEntry(entry("XBRLData/Summary/tse-acedjpsm-" + stem + "-ixbrl.htm"));
            StringBuilder body = new StringBuilder("<html xmlns:ix=\"http://www.xbrl.org/2013/inlineXBRL\"><body>");
            for (int i = 0; i < 20 + Math.floorMod(stem.hashCode(), 50); i++) {
                body.append("<ix:nonFraction name=\"tse-ed-t:NetSales\" contextRef=\"c").append(i).append("\">")
                        .append(Math.floorMod((stem + i).hashCode(), 1_000_000)).append("</ix:nonFraction>\n");
            }
            zip.write(body.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(entry("XBRLData/Summary/manifest.xml"));
            zip.write(("<manifest><instance>" + stem + "</instance></manifest>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** A fixed modification time: the same name gives the same bytes (and sha256) on every call. */
    private static ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(1_770_000_000_000L);
        return entry;
    }

    /** The healthy zip without its last 40 bytes (the end record and part of the central directory). */
    static byte[] truncated(String fileName) {
        byte[] whole = bytes(fileName);
        return Arrays.copyOf(whole, whole.length - 40);
    }

    /** A local-header start and filler: what an oversize answer streams. */
    static byte[] oversize() {
        byte[] body = new byte[OVERSIZE_BYTES];
        body[0] = 'P';
        body[1] = 'K';
        body[2] = 3;
        body[3] = 4;
        return body;
    }

    /** Lower-case hex SHA-256 of the healthy zip. */
    public static String sha256(String fileName) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(fileName)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
