package io.tdnet.report;

/** A queue's approximate depth: visible (waiting) and in flight (received, not yet deleted). */
public record QueueDepth(long visible, long inFlight) {
    public static final QueueDepth EMPTY = new QueueDepth(0, 0);

    public long total() {
        return visible + inFlight;
    }
}
