package io.tdnet.bench;

import io.tdnet.local.ServiceInterceptor;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Abandons a worker's message at random points of its work, through the clients the workers use: the
 * call throws {@link Abandoned} before it reaches the service (the step never happened) or after it
 * succeeded (the step happened, its caller never learns it). Either way the worker leaves the message
 * undeleted and SQS delivers it again, as it would after a killed Lambda or a crashed process. Only
 * calls the workers make are chosen, and only while armed (after listing, before healing).
 */
public final class ChaosMonkey implements ServiceInterceptor {
    /** Where a worker can die. */
    public enum KillPoint {
        BEFORE_S3_UPLOAD("s3", "putObject", false),
        AFTER_S3_UPLOAD_BEFORE_PERSIST_MESSAGE("s3", "copyObject", true),
        BEFORE_MESSAGE_SEND("sqs", "sendMessage", false),
        AFTER_MESSAGE_SEND_BEFORE_DELETE("sqs", "sendMessage", true),
        AFTER_RECEIVE("sqs", "receiveMessage", true),
        BEFORE_DELETE("sqs", "deleteMessageBatch", false),
        BEFORE_PERSIST_TRANSACTION("dynamodb", "transactWriteItems", false),
        AFTER_PERSIST_TRANSACTION_BEFORE_DELETE("dynamodb", "transactWriteItems", true);

        final String service;
        final String operation;
        final boolean after;

        KillPoint(String service, String operation, boolean after) {
            this.service = service;
            this.operation = operation;
            this.after = after;
        }
    }

    /** A worker killed mid-message (the message stays in its queue). */
    static final class Abandoned extends RuntimeException {
        Abandoned(KillPoint point) {
            super("chaos: worker abandoned its message at " + point, null, false, false);
        }
    }

    private final Random random;
    private final double probability;
    private final Map<KillPoint, AtomicLong> kills = new EnumMap<>(KillPoint.class);
    private volatile boolean armed;

    ChaosMonkey(long seed, double probability) {
        this.random = new Random(seed);
        this.probability = probability;
        for (KillPoint p : KillPoint.values()) kills.put(p, new AtomicLong());
    }

    void arm() {
        armed = true;
    }

    void disarm() {
        armed = false;
    }

    @Override
    public void before(String service, String operation) {
        strike(service, operation, false);
    }

    @Override
    public void after(String service, String operation) {
        strike(service, operation, true);
    }

    private void strike(String service, String operation, boolean after) {
        if (!armed) return;
        for (KillPoint point : KillPoint.values()) {
            if (point.after == after && point.service.equals(service) && point.operation.equals(operation) && roll()) {
                kills.get(point).incrementAndGet();
                throw new Abandoned(point);
            }
        }
    }

    private boolean roll() {
        synchronized (random) {
            return random.nextDouble() < probability;
        }
    }

    long total() {
        return kills.values().stream().mapToLong(AtomicLong::get).sum();
    }

    Map<KillPoint, Long> counts() {
        Map<KillPoint, Long> copy = new EnumMap<>(KillPoint.class);
        kills.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
