package io.tdnet.downloader;

import io.tdnet.model.StoredXbrl;
import java.time.Duration;
import java.util.Objects;

/** What became of one disclosure's XBRL zip (the second artifact; the PDF has its {@link DownloadResult}). */
public sealed interface XbrlResult {

    /** In S3 at its final key with its sha256 and size (now, or from an earlier delivery). */
    record Stored(StoredXbrl xbrl) implements XbrlResult {
        public Stored {
            Objects.requireNonNull(xbrl, "xbrl");
        }
    }

    /** Retrying cannot help: 404/410, not a zip, truncated zip, over the cap, outside the origin. */
    record PermanentFailure(String reason) implements XbrlResult {
        public PermanentFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The in-process attempts are used up; a later delivery may succeed. */
    record TransientFailure(String reason, Duration retryAfter) implements XbrlResult {
        public TransientFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
