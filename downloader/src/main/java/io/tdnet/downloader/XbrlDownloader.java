package io.tdnet.downloader;

import io.tdnet.model.Disclosure;
import io.tdnet.model.StoredXbrl;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.model.XbrlLink;
import io.tdnet.tdnetclient.TdnetClient;
import io.tdnet.tdnetclient.TdnetFailure;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Fetches one disclosure's XBRL zip through the same {@link TdnetClient} as its PDF — the same origin
 * rule, pacer permit (a zip counts against the shared rate R like any request), User-Agent, timeouts and
 * in-process retries — checks it and stores it at {@code xbrl/YYYY/MM/DD/<disclosure_id>.zip}:
 *
 * <ul>
 *   <li>only {@link XbrlLink#uri} is requested, for a link inside the origin whose file name shares the
 *       last 14 digits of the disclosure id;
 *   <li>a zip already stored with its digest (an earlier delivery) is returned without a request;
 *   <li>over {@code maxXbrlBytes} (declared, or while reading) is permanent; so are a body that is not a
 *       zip and a zip without its end record ({@link ZipCheck}).
 * </ul>
 *
 * <p>Thread-safe: one instance serves all worker threads.
 */
public final class XbrlDownloader {
    private static final Logger log = LoggerFactory.getLogger(XbrlDownloader.class);

    private final TdnetClient client;
    private final XbrlArchive archive;
    private final long maxBytes;

    /** @param client the downloader's TDnet component (the one its PDFs go through) */
    public XbrlDownloader(TdnetClient client, S3Client s3, String bucket, long maxBytes) {
        if (maxBytes < ZipCheck.EOCD_LENGTH || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxXbrlBytes out of range: " + maxBytes);
        }
        this.client = client;
        this.archive = new XbrlArchive(s3, bucket);
        this.maxBytes = maxBytes;
    }

    /** Fetches and stores the XBRL of {@code disclosure} (which links one). Never throws for TDnet's behaviour. */
    public XbrlResult download(Disclosure disclosure) {
        TdnetOrigin origin = client.origin();
        XbrlLink.Result link = XbrlLink.of(disclosure, origin);
        if (link.ok().isEmpty()) return new XbrlResult.PermanentFailure(link.refusal());
        String key = disclosure.xbrlS3Key();
        Optional<StoredXbrl> existing;
        try {
            existing = archive.existing(key);
        } catch (SdkException e) {
            return new XbrlResult.TransientFailure("s3: " + e.getMessage(), null);
        }
        if (existing.isPresent()) {
            log.debug("{} already stored at {}", disclosure.disclosureId(), key);
            return new XbrlResult.Stored(existing.get());
        }
        try {
            return new XbrlResult.Stored(client.get(link.link().uri(origin), "application/zip", r -> store(key, r)));
        } catch (TdnetFailure f) {
            return f.isTransient() ? new XbrlResult.TransientFailure(f.getMessage(), f.retryAfter())
                    : new XbrlResult.PermanentFailure(f.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new XbrlResult.TransientFailure("interrupted", null);
        }
    }

    private StoredXbrl store(String key, TdnetClient.Response response) throws IOException, TdnetFailure {
        long declared = response.contentLength();
        if (declared > maxBytes) {
            throw TdnetFailure.permanent("zip over " + maxBytes + " bytes (Content-Length " + declared + ")", 200);
        }
        byte[] zip = readCapped(response.body(), declared, maxBytes);
        Optional<String> problem = ZipCheck.problem(zip);
        if (problem.isPresent()) throw TdnetFailure.permanent(problem.get(), 200);
        byte[] sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256").digest(zip);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        try {
            return archive.store(key, zip, sha256);
        } catch (RuntimeException e) {
            // S3, not TDnet: the attempt is redone
            throw TdnetFailure.transientFailure("s3: " + e.getMessage(), 200, null, e);
        }
    }

    /** Reads at most the cap (+1 byte to see it exceeded); a body shorter than declared is transient. */
    static byte[] readCapped(InputStream in, long declared, long maxBytes) throws IOException, TdnetFailure {
        byte[] zip = in.readNBytes((int) maxBytes + 1);
        if (zip.length > maxBytes) {
            throw TdnetFailure.permanent("zip over " + maxBytes + " bytes (no Content-Length, cut off while reading)", 200);
        }
        if (declared >= 0 && zip.length < declared) throw new PdfBody.TruncatedBodyException(zip.length, declared);
        return zip;
    }
}
