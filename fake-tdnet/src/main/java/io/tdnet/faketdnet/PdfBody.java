package io.tdnet.faketdnet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fake PDF's bytes, fully determined by (seed, id, size) and produced while reading, so a 600 MB body
 * never sits in memory. Layout: {@code %PDF-1.6} header naming the id, deterministic pseudo-random filler
 * (like a compressed stream), trailer ending exactly with {@code %%EOF}.
 */
final class PdfBody {
    private static final byte[] TRAILER = "\nendstream\nendobj\ntrailer\n<< /Size 2 >>\n%%EOF"
            .getBytes(StandardCharsets.US_ASCII);
    static final int MIN_SIZE = 256;

    private PdfBody() {}

    static byte[] header(String id) {
        return ("%PDF-1.6\n%\u00e2\u00e3\u00cf\u00d3\n% fake TDnet document " + id + "\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A fresh stream of exactly {@code size} bytes. */
    static InputStream open(long seed, String id, long size) {
        return new Body(seed, id, size);
    }

    static byte[] bytes(long seed, String id, long size) {
        if (size > 256L * 1024 * 1024) throw new IllegalArgumentException("too large to hold in memory: " + size);
        try (InputStream in = open(seed, id, size)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(long seed, String id, long size) {
        try (InputStream in = open(seed, id, size)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) digest.update(buf, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Body extends InputStream {
        private final byte[] header;
        private final long size;
        private final long fillerEnd;
        private long pos;
        private long state;
        private long word;
        private int wordLeft;

        Body(long seed, String id, long size) {
            this.header = header(id);
            if (size < header.length + TRAILER.length) throw new IllegalArgumentException("size too small: " + size);
            this.size = size;
            this.fillerEnd = size - TRAILER.length;
            this.state = seed * 0x9E3779B97F4A7C15L ^ id.hashCode() * 0xC2B2AE3D27D4EB4FL ^ Long.parseLong(id.substring(6));
        }

        private byte fill() {
            if (wordLeft == 0) {
                // splitmix64: fast, and fully specified here so the bytes never change with the JDK
                long z = (state += 0x9E3779B97F4A7C15L);
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                word = z ^ (z >>> 31);
                wordLeft = 8;
            }
            byte b = (byte) word;
            word >>>= 8;
            wordLeft--;
            return b;
        }

        @Override
        public int read() {
            if (pos >= size) return -1;
            byte b;
            if (pos < header.length) b = header[(int) pos];
            else if (pos < fillerEnd) b = fill();
            else b = TRAILER[(int) (pos - fillerEnd)];
            pos++;
            return b & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            if (len == 0) return 0;
            if (pos >= size) return -1;
            int n = (int) Math.min(len, size - pos);
            for (int i = 0; i < n; i++) {
                long p = pos + i;
                if (p < header.length) buf[off + i] = header[(int) p];
                else if (p < fillerEnd) buf[off + i] = fill();
                else buf[off + i] = TRAILER[(int) (p - fillerEnd)];
            }
            pos += n;
            return n;
        }

        @Override
        public long skip(long n) {
            // sequential generator: skipping must still advance the filler state
            long skipped = 0;
            while (skipped < n && read() >= 0) skipped++;
            return skipped;
        }
    }
}
