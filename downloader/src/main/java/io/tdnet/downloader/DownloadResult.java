package io.tdnet.downloader;

import io.tdnet.model.StoredPdf;
import java.time.Duration;
import java.util.Objects;

/** What became of one disclosure's document. */
public sealed interface DownloadResult {

    /** The document is in S3 at its final key with its sha256 and size (now, or from an earlier delivery). */
    record Stored(StoredPdf pdf) implements DownloadResult {
        public Stored {
            Objects.requireNonNull(pdf, "pdf");
        }
    }

    /** Retrying cannot help (404/410, not a PDF, over the cap, a redirect, outside the origin). */
    record PermanentFailure(String reason) implements DownloadResult {
        public PermanentFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The in-process attempts are used up but a later delivery may succeed.
     *
     * @param retryAfter the server's last {@code Retry-After}, or null when it sent none
     */
    record TransientFailure(String reason, Duration retryAfter) implements DownloadResult {
        public TransientFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
