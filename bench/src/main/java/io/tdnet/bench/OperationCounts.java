package io.tdnet.bench;

import io.tdnet.local.ServiceInterceptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts calls per {@code service.operation}: how many SQS, S3 and DynamoDB calls one disclosure costs. */
public final class OperationCounts implements ServiceInterceptor {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void before(String service, String operation) {
        counts.computeIfAbsent(service + "." + operation, k -> new LongAdder()).increment();
    }

    /** A sorted snapshot. */
    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
