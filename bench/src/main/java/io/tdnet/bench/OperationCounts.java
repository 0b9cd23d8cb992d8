package io.tdnet.bench;

import io.tdnet.local.ServiceInterceptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts calls per {@code service.operation}: how many SQS, S3 and DynamoDB calls one disclosure costs;
 * and when each operation was first and last called, which shows where the wall time goes (how long
 * until the first download, how long after the last one until the execution settled).
 */
public final class OperationCounts implements ServiceInterceptor {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> first = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> last = new ConcurrentHashMap<>();
    private volatile long origin = System.nanoTime();

    /** The instant the first/last call times are measured from (nanoTime). */
    void startClock(long nanoTime) {
        origin = nanoTime;
    }

    @Override
    public void before(String service, String operation) {
        String name = service + "." + operation;
        counts.computeIfAbsent(name, k -> new LongAdder()).increment();
        long now = System.nanoTime();
        first.computeIfAbsent(name, k -> new AtomicLong(now));
        last.computeIfAbsent(name, k -> new AtomicLong()).accumulateAndGet(now, Math::max);
    }

    /** A sorted snapshot. */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** Seconds from the clock's start to the first call of {@code operation} ({@code service.operation}); NaN if never called. */
    double firstCallSeconds(String operation) {
        AtomicLong at = first.get(operation);
        return at == null ? Double.NaN : (at.get() - origin) / 1e9;
    }

    /** Seconds from the clock's start to the last call of {@code operation}; NaN if never called. */
    double lastCallSeconds(String operation) {
        AtomicLong at = last.get(operation);
        return at == null ? Double.NaN : (at.get() - origin) / 1e9;
    }
}
