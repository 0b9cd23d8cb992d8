package io.tdnet.infra;

import java.time.Duration;
import java.util.Objects;

/**
 * The timings a stage may scale, in one place: the consumers' function timeouts and how long a failed or
 * timed-out batch stays invisible before SQS redelivers it. {@link #prod()} follows the AWS guidance for
 * Lambda event sources (visibility six times the consumer's timeout); {@link #twin()} shortens the
 * visibility so a day of faults runs through the twin in minutes. Lambda refuses an event source whose
 * queue's visibility timeout is shorter than the function's timeout, so that is refused here too.
 * (java.time durations: CDK's have no value equality.)
 *
 * @param downloaderTimeout  the downloader function's Timeout
 * @param persisterTimeout   the persister function's Timeout
 * @param downloadVisibility the download queue's VisibilityTimeout (at least downloaderTimeout)
 * @param persistVisibility  the persist queue's VisibilityTimeout (at least persisterTimeout)
 */
public record StageTimings(Duration downloaderTimeout, Duration persisterTimeout,
                           Duration downloadVisibility, Duration persistVisibility) {

    /** Ratio of a queue's visibility timeout to its consumer's function timeout in production. */
    public static final int VISIBILITY_TO_TIMEOUT_RATIO = 6;

    public StageTimings {
        Objects.requireNonNull(downloaderTimeout, "downloaderTimeout");
        Objects.requireNonNull(persisterTimeout, "persisterTimeout");
        Objects.requireNonNull(downloadVisibility, "downloadVisibility");
        Objects.requireNonNull(persistVisibility, "persistVisibility");
        if (downloadVisibility.compareTo(downloaderTimeout) < 0 || persistVisibility.compareTo(persisterTimeout) < 0) {
            throw new IllegalArgumentException("a queue's visibility timeout must cover its consumer's timeout"
                    + " (Lambda refuses the event source otherwise)");
        }
    }

    /** Production: the functions' own timeouts, visibility six times each. */
    public static StageTimings prod() {
        Duration downloader = seconds(PipelineFunctions.DOWNLOADER_TIMEOUT);
        Duration persister = seconds(PipelineFunctions.PERSISTER_TIMEOUT);
        return new StageTimings(downloader, persister,
                downloader.multipliedBy(VISIBILITY_TO_TIMEOUT_RATIO), persister.multipliedBy(VISIBILITY_TO_TIMEOUT_RATIO));
    }

    /**
     * The twin: the production function timeouts (the downloader starts no document it cannot finish within
     * its remaining time, and its worst case with in-process retries needs minutes), but a returned batch
     * comes back after one function timeout instead of six: 5 min / 60 s instead of 30 / 6 min.
     */
    public static StageTimings twin() {
        Duration downloader = seconds(PipelineFunctions.DOWNLOADER_TIMEOUT);
        Duration persister = seconds(PipelineFunctions.PERSISTER_TIMEOUT);
        return new StageTimings(downloader, persister, downloader, persister);
    }

    /** As CDK takes it. */
    static software.amazon.awscdk.Duration cdk(Duration d) {
        return software.amazon.awscdk.Duration.seconds(d.toSeconds());
    }

    private static Duration seconds(software.amazon.awscdk.Duration d) {
        return Duration.ofSeconds(d.toSeconds().longValue());
    }
}
