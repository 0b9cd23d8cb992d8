package io.tdnet.downloader;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A response body on its way to S3: counts it, computes its SHA-256 as it passes, stops it at the
 * size cap, and turns an early end (fewer bytes than Content-Length) into an error so a truncated
 * document can never be stored. Holds no more than the caller's read buffer.
 *
 * <p>The first failure is sticky: a later read (e.g. the SDK retrying from its mark) fails the same
 * way, and the downloader reads {@link #failure()} to tell a source problem from an S3 one.
 */
final class PdfBody extends InputStream {
    /** The body ended before its declared Content-Length: transient. */
    static final class TruncatedBodyException extends IOException {
        TruncatedBodyException(long got, long declared) {
            super("truncated body (" + got + " of " + declared + " bytes)");
        }
    }

    /** The body grew past the cap: permanent. */
    static final class BodyOverCapException extends IOException {
        BodyOverCapException(long cap) {
            super("body over " + cap + " bytes (no Content-Length, cut off while streaming)");
        }
    }

    private final InputStream source;
    private final long declaredLength;
    private final long maxBytes;
    private final MessageDigest sha256;
    private long count;
    private IOException failure;
    private boolean ended;

    PdfBody(InputStream source, long declaredLength, long maxBytes) {
        this.source = source;
        this.declaredLength = declaredLength;
        this.maxBytes = maxBytes;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) throw failure;
        if (len == 0) return 0;
        if (ended) return -1;
        int n;
        try {
            n = source.read(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (n == -1) {
            if (declaredLength >= 0 && count < declaredLength) {
                failure = new TruncatedBodyException(count, declaredLength);
                throw failure;
            }
            ended = true;
            return -1;
        }
        count += n;
        if (count > maxBytes) {
            failure = new BodyOverCapException(maxBytes);
            throw failure;
        }
        sha256.update(b, off, n);
        return n;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    long count() {
        return count;
    }

    /** The first error reading the source (I/O, truncation, over the cap), or null. */
    IOException failure() {
        return failure;
    }

    boolean overCap() {
        return failure instanceof BodyOverCapException;
    }

    /** True when every declared byte (or, undeclared, everything up to EOF) has been read without error. */
    boolean complete() {
        return failure == null && (declaredLength >= 0 ? count == declaredLength : ended);
    }

    /** Lower-case hex SHA-256 of what was read; call once, at the end. */
    String sha256Hex() {
        return HexFormat.of().formatHex(sha256());
    }

    /** The SHA-256 of what was read; call once, at the end. */
    byte[] sha256() {
        return sha256.digest();
    }
}
