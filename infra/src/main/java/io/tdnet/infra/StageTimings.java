package io.tdnet.infra;

import software.amazon.awscdk.Duration;

import java.util.Objects;

/**
 * The timings a stage may scale, in one place: the consumers' function timeouts and how long a failed or
 * timed-out batch stays invisible before SQS redelivers it. {@link #prod()} follows the AWS guidance for
 * Lambda event sources (visibility six times the consumer's timeout); {@link #twin()} shortens both so a
 * day of faults runs through the twin in minutes. Lambda refuses an event source whose queue's
 * visibility timeout is shorter than the function's timeout, so both scale together.
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
        if (downloadVisibility.toSeconds().longValue() < downloaderTimeout.toSeconds().longValue()
                || persistVisibility.toSeconds().longValue() < persisterTimeout.toSeconds().longValue()) {
            throw new IllegalArgumentException("a queue's visibility timeout must cover its consumer's timeout"
                    + " (Lambda refuses the event source otherwise)");
        }
    }

    /** Production: the functions' own timeouts, visibility six times each. */
    public static StageTimings prod() {
        return new StageTimings(PipelineFunctions.DOWNLOADER_TIMEOUT, PipelineFunctions.PERSISTER_TIMEOUT,
                times(PipelineFunctions.DOWNLOADER_TIMEOUT, VISIBILITY_TO_TIMEOUT_RATIO),
                times(PipelineFunctions.PERSISTER_TIMEOUT, VISIBILITY_TO_TIMEOUT_RATIO));
    }

    /**
     * The twin: a downloader batch may run 60 s and comes back 60 s after a failure (instead of 5 and
     * 30 minutes); a persister batch 20 s (instead of 60 s and 6 minutes).
     */
    public static StageTimings twin() {
        return new StageTimings(Duration.seconds(60), Duration.seconds(20), Duration.seconds(60), Duration.seconds(20));
    }

    private static Duration times(Duration d, int factor) {
        return Duration.seconds(d.toSeconds().longValue() * factor);
    }
}
