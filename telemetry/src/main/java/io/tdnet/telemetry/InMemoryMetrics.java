package io.tdnet.telemetry;

import io.tdnet.model.ExecutionStatus;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe counters and timers in memory, for the CLI's progress line, run samples and report.
 * Every worker thread writes; {@link #snapshot()} reads without stopping them.
 */
public final class InMemoryMetrics implements PipelineMetrics {
    private final LongAdder pagesRead = new LongAdder();
    private final LongAdder listed = new LongAdder();
    private final LongAdder enqueued = new LongAdder();
    private final LongAdder downloadedBytes = new LongAdder();
    private final LongAdder downloads = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder alreadyPresent = new LongAdder();
    private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();
    private final LongAdder waits = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();
    private final AtomicLong maxWaitNanos = new AtomicLong();
    private final Map<ExecutionStatus, Duration> finished = new ConcurrentHashMap<>();

    @Override public void pageRead() { pagesRead.increment(); }
    @Override public void listed(long count) { listed.add(count); }
    @Override public void enqueued(long count) { enqueued.add(count); }
    @Override public void stored() { stored.increment(); }
    @Override public void alreadyPresent() { alreadyPresent.increment(); }

    @Override
    public void downloadedBytes(long bytes) {
        downloads.increment();
        downloadedBytes.add(bytes);
    }

    @Override
    public void failed(String reason) {
        failed.computeIfAbsent(FailureReasons.category(reason), k -> new LongAdder()).increment();
    }

    @Override
    public void retried(String reason) {
        retries.computeIfAbsent(FailureReasons.category(reason), k -> new LongAdder()).increment();
    }

    @Override
    public void rateLimitWaited(Duration waited) {
        long nanos = Math.max(0, waited.toNanos());
        waits.increment();
        waitNanos.add(nanos);
        maxWaitNanos.accumulateAndGet(nanos, Math::max);
    }

    @Override
    public void executionFinished(ExecutionStatus status, Duration duration) {
        finished.merge(status, duration, Duration::plus);
    }

    /** Total duration of the executions that finished with {@code status} (zero if none). */
    public Duration executionDuration(ExecutionStatus status) {
        return finished.getOrDefault(status, Duration.ZERO);
    }

    public MetricsSnapshot snapshot() {
        Map<String, Long> failedByReason = sum(failed);
        Map<String, Long> retriesByReason = sum(retries);
        return new MetricsSnapshot(pagesRead.sum(), listed.sum(), enqueued.sum(), downloadedBytes.sum(), downloads.sum(),
                stored.sum(), alreadyPresent.sum(), failedByReason.values().stream().mapToLong(Long::longValue).sum(),
                failedByReason, retriesByReason.values().stream().mapToLong(Long::longValue).sum(), retriesByReason,
                waits.sum(), waitNanos.sum() / 1_000_000, maxWaitNanos.get() / 1_000_000);
    }

    private static Map<String, Long> sum(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
