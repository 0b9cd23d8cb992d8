package io.tdnet.serve;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a document (RFC 9110 {@code Range: bytes=…}), both ends included.
 * Only a single range is served; a header with several ranges, another unit or bad syntax is ignored
 * and the whole document is sent, as RFC 9110 allows.
 */
public record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=([0-9]{0,18})-([0-9]{0,18})");

    public long length() {
        return last - first + 1;
    }

    /** {@code bytes first-last/size}, the Content-Range of a 206. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** S3's range header for the same bytes. */
    public String s3Range() {
        return "bytes=" + first + "-" + last;
    }

    /** Thrown for a well-formed range that lies outside the document (answered with 416). */
    public static final class UnsatisfiableException extends RuntimeException {
        public UnsatisfiableException() {
            super("range outside the document");
        }
    }

    /** The range {@code header} asks of a document of {@code size} bytes; empty to send the whole document. */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null) return Optional.empty();
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) return Optional.empty();
        if (m.group(1).isEmpty()) { // suffix: the last N bytes
            long n = Long.parseLong(m.group(2));
            if (n == 0 || size == 0) throw new UnsatisfiableException();
            return Optional.of(new ByteRange(Math.max(0, size - n), size - 1));
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
        if (first >= size) throw new UnsatisfiableException();
        if (last < first) return Optional.empty(); // invalid syntax per RFC 9110: ignored
        return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    }
}
