package io.tdnet.downloader;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.RequestPacer;
import io.tdnet.model.StoredPdf;
import io.tdnet.model.TdnetOrigin;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Fetches one disclosure's PDF from TDnet and stores it in S3 with its sha256.
 *
 * <ul>
 *   <li>Only {@code origin.pdf(id)} is ever requested, and only when the message's {@code pdf_url} is
 *       inside the origin; redirects are never followed.
 *   <li>Every request first takes a slot from the shared {@link RequestPacer}.
 *   <li>If the final object already exists with its digest metadata (an earlier delivery stored it),
 *       it is returned without any request to TDnet.
 *   <li>Transient failures (timeouts, resets, truncated bodies, 408/425/429/5xx, and S3 failures while
 *       storing) are retried in process
 *       per {@link RetrySchedule} (Failsafe), honouring {@code Retry-After}; then reported as
 *       {@link DownloadResult.TransientFailure} for SQS to redeliver later.
 *   <li>Permanent failures (404/410 and other 4xx, a redirect, a body that is not {@code %PDF-}, a
 *       body over the cap) are reported at once as {@link DownloadResult.PermanentFailure}.
 * </ul>
 *
 * <p>{@link HttpURLConnection} because it is in the JDK (no client to load on a Lambda cold start) and
 * gives exactly what is needed: per-read socket timeouts, connect timeout, no redirect following.
 * Thread-safe: one instance serves all worker threads.
 */
public final class PdfDownloader {
    private static final Logger log = LoggerFactory.getLogger(PdfDownloader.class);
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private final DownloaderConfig config;
    private final RequestPacer pacer;
    private final PdfArchive archive;
    private final DownloadMetrics metrics;
    private final Clock clock;

    public PdfDownloader(DownloaderConfig config, RequestPacer pacer, S3Client s3, String bucket,
                         DownloadMetrics metrics, Clock clock) {
        this.config = config;
        this.pacer = pacer;
        this.archive = new PdfArchive(s3, bucket, config.partSizeBytes());
        this.metrics = metrics;
        this.clock = clock;
    }

    public PdfDownloader(DownloaderConfig config, RequestPacer pacer, S3Client s3, String bucket) {
        this(config, pacer, s3, bucket, DownloadMetrics.none(), Clock.systemUTC());
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

        RetrySchedule schedule = config.retry();
        RetryPolicy<StoredPdf> policy = RetryPolicy.<StoredPdf>builder()
                // S3 failures too: the SDK cannot replay a streamed body, so the whole attempt is redone.
                .handle(List.of(TransientDownloadException.class, StorageException.class))
                .withMaxAttempts(schedule.attemptsPerDelivery())
                // A Retry-After over the cap ends the delivery; the worker makes it the visibility timeout.
                .abortOn(e -> e instanceof TransientDownloadException t && !schedule.waitsInProcess(t.retryAfter))
                .withDelayFn(ctx -> {
                    Throwable last = ctx.getLastException();
                    Duration retryAfter = last instanceof TransientDownloadException t ? t.retryAfter : null;
                    return schedule.inProcessDelay(ctx.getAttemptCount(), retryAfter,
                            ThreadLocalRandom.current().nextDouble());
                })
                .onRetry(e -> {
                    String reason = e.getLastException() == null ? "?" : e.getLastException().getMessage();
                    log.info("{}: attempt {} failed ({}), retrying", id, e.getAttemptCount(), reason);
                    metrics.retried(reason);
                })
                .build();
        try {
            StoredPdf stored = Failsafe.with(policy).get(() -> attempt(id, finalKey));
            metrics.downloadedBytes(stored.bytes());
            return new DownloadResult.Stored(stored);
        } catch (TransientDownloadException e) {
            return new DownloadResult.TransientFailure(e.getMessage(), e.retryAfter);
        } catch (PermanentDownloadException e) {
            return new DownloadResult.PermanentFailure(e.getMessage());
        } catch (StorageException e) {
            return new DownloadResult.TransientFailure(e.getMessage(), null);
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return new DownloadResult.TransientFailure("interrupted", null);
            }
            throw e;
        }
    }

    private Optional<String> outsideOrigin(String pdfUrl) {
        TdnetOrigin origin = config.origin();
        try {
            if (origin.contains(new URI(pdfUrl))) return Optional.empty();
        } catch (URISyntaxException e) {
            // falls through: an unparseable URL is outside the origin
        }
        return Optional.of("pdf_url " + printable(pdfUrl, 200) + " is outside the TDnet origin " + origin + "; not fetched");
    }

    /** One HTTP request and, on 200, the upload. Throws the typed exceptions the policy classifies. */
    private StoredPdf attempt(DisclosureId id, String finalKey) throws InterruptedException {
        URI uri = config.origin().pdf(id);
        HttpURLConnection conn;
        try {
            conn = (HttpURLConnection) uri.toURL().openConnection();
        } catch (IOException e) {
            throw transientIo(e);
        }
        boolean reusable = false;
        try {
            conn.setInstanceFollowRedirects(false);
            conn.setConnectTimeout(millis(config.connectTimeout()));
            conn.setReadTimeout(millis(config.readTimeout()));
            conn.setUseCaches(false);
            conn.setRequestProperty("User-Agent", config.userAgent());
            conn.setRequestProperty("Accept", "application/pdf");
            try {
                // Connect first, then take the slot: the request then leaves right at its slot, so the
                // spacing TDnet sees is not blurred by connection set-up (or a cold first connection).
                conn.connect();
            } catch (IOException e) {
                throw transientIo(e);
            }
            metrics.pacerWaited(pacer.acquire());
            int status;
            try {
                status = conn.getResponseCode();
            } catch (IOException e) {
                throw transientIo(e);
            }
            checkStatus(conn, status, uri);

            long declared = conn.getContentLengthLong();
            if (declared > config.maxPdfBytes()) {
                // Refused before reading: disconnect() in finally drops the socket with the body unread.
                throw new PermanentDownloadException(
                        "body over " + config.maxPdfBytes() + " bytes (Content-Length " + declared + ")");
            }
            InputStream raw;
            try {
                raw = conn.getInputStream();
            } catch (IOException e) {
                throw transientIo(e);
            }
            // Not try-with-resources: closing a half-read stream would make HttpURLConnection drain
            // the rest of the body for keep-alive; on any failure disconnect() drops the socket instead.
            PdfBody body = null;
            try {
                BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
                checkPdfMagic(in, declared);
                body = new PdfBody(in, declared, config.maxPdfBytes());
                StoredPdf stored = archive.store(finalKey, id, body, declared);
                closeQuietly(raw);
                reusable = true;
                return stored;
            } catch (IOException e) {
                if (body != null && body.overCap()) throw new PermanentDownloadException(e.getMessage());
                throw transientIo(e);
            } catch (PermanentDownloadException | TransientDownloadException e) {
                throw e;
            } catch (RuntimeException e) {
                // S3 (or the SDK giving up on replaying the stream): not TDnet's fault.
                throw new StorageException("s3: " + e.getMessage(), e);
            }
        } finally {
            // A fully read body lets the connection go back to the keep-alive pool; anything else
            // (error status, refused or broken body) must not be drained, so the socket is dropped.
            if (!reusable) conn.disconnect();
        }
    }

    private void checkStatus(HttpURLConnection conn, int status, URI uri) {
        if (status == 200) return;
        if (status >= 300 && status < 400) {
            String location = conn.getHeaderField("Location");
            throw new PermanentDownloadException("redirect to " + resolve(uri, location) + " refused (http " + status + ")");
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            Duration retryAfter = RetryAfter.parse(conn.getHeaderField("Retry-After"), clock.instant()).orElse(null);
            throw new TransientDownloadException("http " + status
                    + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + " s)"), retryAfter);
        }
        // 404/410: gone; other 4xx/2xx: retrying the same request will not change the answer.
        throw new PermanentDownloadException("http " + status);
    }

    private static void checkPdfMagic(BufferedInputStream in, long declared) throws IOException {
        in.mark(PDF_MAGIC.length);
        byte[] head = in.readNBytes(PDF_MAGIC.length);
        in.reset();
        if (head.length < PDF_MAGIC.length && declared > head.length) {
            throw new PdfBody.TruncatedBodyException(head.length, declared);
        }
        for (int i = 0; i < PDF_MAGIC.length; i++) {
            if (i >= head.length || head[i] != PDF_MAGIC[i]) {
                throw new PermanentDownloadException(head.length == 0
                        ? "not a PDF (empty body)"
                        : "not a PDF (starts with " + printable(new String(head, StandardCharsets.ISO_8859_1), 16) + ")");
            }
        }
    }

    private TransientDownloadException transientIo(IOException e) {
        String reason;
        if (e instanceof PdfBody.TruncatedBodyException) {
            reason = e.getMessage();
        } else if (e instanceof SocketTimeoutException) {
            String m = String.valueOf(e.getMessage()).toLowerCase();
            reason = m.contains("connect")
                    ? "connect timed out after " + config.connectTimeout().toMillis() + " ms"
                    : "read timed out after " + config.readTimeout().toMillis() + " ms";
        } else if (e instanceof ConnectException) {
            reason = "connection refused: " + e.getMessage();
        } else if (e instanceof SocketException) {
            reason = "connection broken: " + e.getMessage();
        } else {
            reason = "i/o error: " + e;
        }
        return new TransientDownloadException(reason, null);
    }

    private static String resolve(URI base, String location) {
        if (location == null) return "(no Location)";
        try {
            return printable(base.resolve(location.strip()).toString(), 200);
        } catch (IllegalArgumentException e) {
            return printable(location, 200);
        }
    }

    /** Keeps a reason safe to log and to put in a message attribute: printable ASCII, bounded. */
    static String printable(String s, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) out.append(c);
            else out.append(String.format("\\x%02x", (int) c & 0xff));
        }
        if (out.length() >= max && s.length() > max) out.append('…');
        return out.toString();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the document is stored; a failed close only costs the keep-alive connection
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    /** Worth another attempt; carries the server's Retry-After if it sent one. */
    static final class TransientDownloadException extends RuntimeException {
        final Duration retryAfter;

        TransientDownloadException(String reason, Duration retryAfter) {
            super(reason, null, false, false);
            this.retryAfter = retryAfter;
        }
    }

    /** Retrying cannot help. */
    static final class PermanentDownloadException extends RuntimeException {
        PermanentDownloadException(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * S3 failed (after the SDK's own retries, which cannot replay a streamed body): retried in process
     * like a transient failure (a new request to TDnet, paced), then left to SQS.
     */
    static final class StorageException extends RuntimeException {
        StorageException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
