package io.tdnet.wiring.pacing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * This process's clock offset from the time its DynamoDB endpoint reports, so that absolute slots mean
 * the same instant in every process (a laptop running {@code collect --aws} may be seconds off).
 *
 * <p>Added to the pacer's DynamoDB client as an {@link ExecutionInterceptor}: each response's
 * {@code Date} header (whole seconds) with the local send and receive instants bounds the offset:
 * the server stamped a time in {@code [D, D + 1 s)} at a local instant in {@code [sent, received]}, so
 * {@code D − received < offset < D + 1 s − sent}. One answer bounds it to about a second; the trick is
 * to watch the second tick over: {@link #measure} aims back-to-back probes at the predicted tick, where
 * the last answer still stamped {@code D} and the first stamped {@code D + 1} bound the offset to about
 * two round trips. The estimate is the middle of the bounds; its error is at most half their width.
 *
 * <p>An in-process DynamoDB Local has no HTTP and the same clock: offset 0 by construction, no probes.
 */
public final class EndpointTime implements ExecutionInterceptor {
    /** Bounds on (endpoint time − local time), microseconds. */
    public record Offset(long lowMicros, long highMicros) {
        public static final Offset ZERO = new Offset(0, 0);

        public long estimateMicros() {
            return Math.floorDiv(lowMicros + highMicros, 2);
        }

        public long errorMicros() {
            return (highMicros - lowMicros + 1) / 2;
        }

        @Override
        public String toString() {
            return String.format("%+.1f ms ± %.1f ms", estimateMicros() / 1e3, errorMicros() / 1e3);
        }
    }

    /** One probe: local send and receive instants and the endpoint's Date second. */
    record Sample(long sentMicros, long receivedMicros, long dateSecond) {}

    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("tdnet.pacer.sent");
    private static final int MAX_TICKS = 5;
    /** Probes before measuring: a fresh JVM's first calls take 100+ ms (class loading, connection set-up). */
    private static final int WARM_UP_PROBES = 5;
    private static final int MAX_PROBES_PER_TICK = 40;

    private final List<Sample> samples = new ArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT, localMicros());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        long received = localMicros();
        Long sent = attributes.getAttribute(SENT);
        if (sent == null) return;
        context.httpResponse().firstMatchingHeader("Date").ifPresent(date -> {
            try {
                record(new Sample(sent, received, ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond()));
            } catch (DateTimeParseException unreadable) {
                // a Date this parser cannot read bounds nothing; measure() reports when no answer had one
            }
        });
    }

    void record(Sample sample) {
        synchronized (samples) {
            samples.add(sample);
        }
    }

    /**
     * Probes (each {@code probe} is one request through the intercepted client) around up to five
     * second ticks until the offset is known within {@code error}.
     *
     * @throws ClockSkewException when the endpoint sends no Date or the offset cannot be bounded that tightly
     */
    public Offset measure(Runnable probe, Duration error) throws InterruptedException {
        return measure(probe, error, false);
    }

    /**
     * As {@link #measure(Runnable, Duration)}; with {@code clockSynchronised} (a Lambda: its clock is kept
     * by Amazon Time Sync) bounds too wide to prove the offset small but consistent with 0 give offset
     * 0 instead of a refusal — an in-region round trip of a few ms cannot do better than ± its half.
     */
    public Offset measure(Runnable probe, Duration error, boolean clockSynchronised) throws InterruptedException {
        long target = error.toNanos() / 1_000;
        for (int i = 0; i < WARM_UP_PROBES; i++) probe.run();
        synchronized (samples) {
            samples.clear();
        }
        probe.run();
        // coarse: probe every 20 ms until the Date ticks over (≤ 1 s), so the tick's local time is known
        long deadline = localMicros() + 1_500_000;
        Sample first = last();
        while (last().dateSecond() == first.dateSecond() && localMicros() < deadline) {
            LockSupport.parkNanos(20_000_000);
            if (Thread.interrupted()) throw new InterruptedException();
            probe.run();
        }
        for (int tick = 0; tick < MAX_TICKS && offset().errorMicros() > target; tick++) {
            Offset now = offset();
            long roundTrip = Math.max(200, fastRoundTrip());
            long serverNow = localMicros() + now.estimateMicros();
            long nextTickLocal = (Math.floorDiv(serverNow, 1_000_000) + 1) * 1_000_000 - now.estimateMicros();
            long from = nextTickLocal - now.errorMicros() - 2 * roundTrip;
            long until = nextTickLocal + now.errorMicros() + 2 * roundTrip;
            ScheduleClock.system(0).sleepUntil(from);
            for (int i = 0; i < MAX_PROBES_PER_TICK && localMicros() < until; i++) probe.run();
        }
        Offset offset = offset();
        if (offset.errorMicros() > target && clockSynchronised && offset.lowMicros() <= 0 && offset.highMicros() >= 0) {
            return Offset.ZERO;
        }
        if (offset.errorMicros() > target) {
            throw new ClockSkewException("the clock offset to the DynamoDB endpoint is " + offset + " (round trip "
                    + fastRoundTrip() / 1000 + " ms): the shared TDnet schedule needs it within ± " + error.toMillis()
                    + " ms; run closer to the endpoint (in the region) or fix the clock");
        }
        return offset;
    }

    /** The bounds from every sample so far; {@code ClockSkewException} when no answer carried a Date. */
    Offset offset() {
        synchronized (samples) {
            if (samples.isEmpty()) {
                throw new ClockSkewException("the DynamoDB endpoint answered without a Date header: the clock offset"
                        + " cannot be measured, so this process cannot share the TDnet schedule");
            }
            long low = Long.MIN_VALUE;
            long high = Long.MAX_VALUE;
            for (Sample s : samples) {
                low = Math.max(low, s.dateSecond() * 1_000_000 - s.receivedMicros());
                high = Math.min(high, (s.dateSecond() + 1) * 1_000_000 - s.sentMicros());
            }
            return new Offset(low, Math.max(low, high));
        }
    }

    private Sample last() {
        synchronized (samples) {
            if (samples.isEmpty()) offset(); // throws the no-Date message
            return samples.get(samples.size() - 1);
        }
    }

    /** The shortest of the last five round trips: what a probe takes when nothing else delays it. */
    private long fastRoundTrip() {
        synchronized (samples) {
            return samples.subList(Math.max(0, samples.size() - 5), samples.size()).stream()
                    .mapToLong(s -> s.receivedMicros() - s.sentMicros()).min().orElseThrow();
        }
    }


    private static long localMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
