package io.tdnet.downloader;

import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.Pacer;
import io.tdnet.model.StoredPdf;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.tdnetclient.Printable;
import io.tdnet.tdnetclient.TdnetClient;
import io.tdnet.tdnetclient.TdnetFailure;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Fetches one disclosure's PDF from TDnet and stores it in S3 with its sha256. The request itself —
 * origin rule, pacer permit, User-Agent, timeouts, no redirects, status classes, {@code Retry-After},
 * in-process retries per {@link RetrySchedule#inProcess()} — is the shared {@link TdnetClient}'s;
 * what is the downloader's own is here:
 *
 * <ul>
 *   <li>Only {@code origin.pdf(id)} is ever requested, and only when the message's {@code pdf_url} is
 *       inside the origin.
 *   <li>If the final object already exists with its digest metadata (an earlier delivery stored it),
 *       it is returned without any request to TDnet.
 *   <li>The body must start with {@code %PDF-} and stay under the cap (permanent failures otherwise);
 *       it is stored by the {@link ArchiveWriter} (one PutObject at the final key), and an S3 failure
 *       while storing redoes the whole attempt.
 *   <li>Transient failures left after the in-process attempts become {@link DownloadResult.TransientFailure}
 *       for SQS to redeliver later; permanent ones {@link DownloadResult.PermanentFailure} at once.
 * </ul>
 *
 * <p>Thread-safe: one instance serves all worker threads.
 */
public final class PdfDownloader {
    private static final Logger log = LoggerFactory.getLogger(PdfDownloader.class);
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    static final String PDF_CONTENT_TYPE = "application/pdf";

    private final DownloaderConfig config;
    private final ArchiveWriter archive;
    private final DownloadMetrics metrics;
    private final TdnetClient client;
    private final XbrlDownloader xbrl;

    public PdfDownloader(DownloaderConfig config, Pacer pacer, S3Client s3, String bucket,
                         DownloadMetrics metrics, Clock clock) {
        this.config = config;
        this.archive = new ArchiveWriter(s3, bucket, config.partSizeBytes());
        this.metrics = metrics;
        this.client = new TdnetClient(config.origin(), pacer, config.http(), clock, new TdnetClient.Observer() {
            @Override
            public void pacerWaited(Duration waited) {
                metrics.pacerWaited(waited);
            }

            @Override
            public void retrying(URI url, int failedAttempts, TdnetFailure failure) {
                log.info("{}: attempt {} failed ({}), retrying", url, failedAttempts, failure.getMessage());
                metrics.retried(failure.getMessage());
            }
        });
        // the XBRL zips go through the same component: same origin rule, same pacer, same retries
        this.xbrl = new XbrlDownloader(client, s3, bucket, config.maxXbrlBytes());
    }

    public PdfDownloader(DownloaderConfig config, Pacer pacer, S3Client s3, String bucket) {
        this(config, pacer, s3, bucket, DownloadMetrics.none(), Clock.systemUTC());
    }

    /** The XBRL side, sharing this downloader's TDnet component and bucket. */
    public XbrlDownloader xbrl() {
        return xbrl;
    }

    /** The longest one document's in-process attempts may take ({@link DownloaderConfig#documentBudget()}). */
    public Duration documentBudget() {
        return config.documentBudget();
    }

    /** Fetches and stores one document (or finds it already stored). Never throws for TDnet's behaviour. */
    public DownloadResult download(Disclosure disclosure) {
        DisclosureId id = disclosure.disclosureId();
        Optional<String> outside = outsideOrigin(disclosure.pdfUrl());
        if (outside.isPresent()) return new DownloadResult.PermanentFailure(outside.get());

        String finalKey = disclosure.pdfS3Key();
        Optional<StoredPdf> existing;
        try {
            existing = archive.existing(finalKey);
        } catch (SdkException e) {
            return new DownloadResult.TransientFailure("s3: " + e.getMessage(), null);
        }
        if (existing.isPresent()) {
            log.debug("{} already stored at {}", id, finalKey);
            return new DownloadResult.Stored(existing.get());
        }
        try {
            StoredPdf stored = client.get(config.origin().pdf(id), PDF_CONTENT_TYPE, r -> store(finalKey, r));
            metrics.downloadedBytes(stored.bytes());
            return new DownloadResult.Stored(stored);
        } catch (TdnetFailure f) {
            return f.isTransient() ? new DownloadResult.TransientFailure(f.getMessage(), f.retryAfter())
                    : new DownloadResult.PermanentFailure(f.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DownloadResult.TransientFailure("interrupted", null);
        }
    }

    private Optional<String> outsideOrigin(String pdfUrl) {
        TdnetOrigin origin = config.origin();
        try {
            if (origin.contains(new URI(pdfUrl))) return Optional.empty();
        } catch (URISyntaxException e) {
            // falls through: an unparseable URL is outside the origin
        }
        return Optional.of("pdf_url " + Printable.of(pdfUrl, 200) + " is outside the TDnet origin " + origin + "; not fetched");
    }

    /** The 200 answer's body: checked, stored in S3 with its digest. */
    private StoredPdf store(String finalKey, TdnetClient.Response response) throws IOException, TdnetFailure {
        long declared = response.contentLength();
        if (declared > config.maxPdfBytes()) {
            // Refused before reading: the component drops the socket with the body unread.
            throw TdnetFailure.permanent("body over " + config.maxPdfBytes() + " bytes (Content-Length " + declared + ")", 200);
        }
        try {
            BufferedInputStream in = new BufferedInputStream(response.body(), 64 * 1024);
            checkPdfMagic(in, declared);
            return archive.store(new ArchiveWriter.Artifact(finalKey, PDF_CONTENT_TYPE, config.maxPdfBytes()), in, declared);
        } catch (PdfBody.BodyOverCapException e) {
            throw TdnetFailure.permanent(e.getMessage(), 200);
        } catch (RuntimeException e) {
            // S3 (or the SDK giving up on replaying the stream): not TDnet's fault; the attempt is redone.
            throw TdnetFailure.transientFailure("s3: " + e.getMessage(), 200, null, e);
        }
    }

    private static void checkPdfMagic(BufferedInputStream in, long declared) throws IOException, TdnetFailure {
        in.mark(PDF_MAGIC.length);
        byte[] head = in.readNBytes(PDF_MAGIC.length);
        in.reset();
        if (head.length < PDF_MAGIC.length && declared > head.length) {
            throw new PdfBody.TruncatedBodyException(head.length, declared);
        }
        for (int i = 0; i < PDF_MAGIC.length; i++) {
            if (i >= head.length || head[i] != PDF_MAGIC[i]) {
                throw TdnetFailure.permanent(head.length == 0
                        ? "not a PDF (empty body)"
                        : "not a PDF (starts with " + Printable.of(new String(head, StandardCharsets.ISO_8859_1), 16) + ")", 200);
            }
        }
    }
}
