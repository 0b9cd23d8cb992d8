package io.tdnet.dlq;

import java.time.Duration;
import java.util.Objects;

/**
 * How the tools read a DLQ without consuming it.
 *
 * @param holdTimeout visibility timeout of every receive: how long a message the tools are looking at
 *     stays hidden if the process dies before making it visible again
 * @param receiveWait long-poll wait of each receive; on AWS a short poll samples only some servers and
 *     can answer "empty" while messages exist, so the default is 1 s
 * @param scanLimit most messages one {@code list} or redrive pass looks at
 * @param moveTaskPoll how often a running move task's progress is read
 * @param moveTaskTimeout how long to follow a move task before giving up on it
 */
public record DlqSettings(Duration holdTimeout, Duration receiveWait, int scanLimit,
                          Duration moveTaskPoll, Duration moveTaskTimeout) {

    public DlqSettings {
        Objects.requireNonNull(holdTimeout, "holdTimeout");
        Objects.requireNonNull(receiveWait, "receiveWait");
        Objects.requireNonNull(moveTaskPoll, "moveTaskPoll");
        Objects.requireNonNull(moveTaskTimeout, "moveTaskTimeout");
        if (holdTimeout.toSeconds() < 1 || holdTimeout.toSeconds() > 43_200) {
            throw new IllegalArgumentException("holdTimeout must be 1 s .. 12 h: " + holdTimeout);
        }
        if (receiveWait.isNegative() || receiveWait.toSeconds() > 20) {
            throw new IllegalArgumentException("receiveWait must be 0 .. 20 s: " + receiveWait);
        }
        if (scanLimit < 1) throw new IllegalArgumentException("scanLimit must be positive: " + scanLimit);
    }

    public static DlqSettings defaults() {
        return new DlqSettings(Duration.ofMinutes(5), Duration.ofSeconds(1), 100_000,
                Duration.ofSeconds(2), Duration.ofHours(2));
    }

    public DlqSettings withHoldTimeout(Duration timeout) {
        return new DlqSettings(timeout, receiveWait, scanLimit, moveTaskPoll, moveTaskTimeout);
    }

    public DlqSettings withMoveTaskPoll(Duration poll) {
        return new DlqSettings(holdTimeout, receiveWait, scanLimit, poll, moveTaskTimeout);
    }
}
