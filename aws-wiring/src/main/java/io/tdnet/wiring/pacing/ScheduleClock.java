package io.tdnet.wiring.pacing;

import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * The schedule's time line as one process sees it: the local wall clock corrected by the offset
 * measured against the DynamoDB endpoint ({@link EndpointTime}), in microseconds since the epoch.
 * Tests use a fake that advances when slept on.
 */
public interface ScheduleClock {
    /** How long before an instant {@link #system}'s sleep stops parking and spins. */
    long SPIN_MICROS = 1_500;

    long nowMicros();

    /** Schedule time − local wall-clock time, in microseconds. */
    long offsetMicros();

    /** Returns at or after {@code micros} (at once when it has passed). */
    void sleepUntil(long micros) throws InterruptedException;

    /** The system clock shifted by {@code offsetMicros} (schedule time − local time). */
    static ScheduleClock system(long offsetMicros) {
        return new ScheduleClock() {
            @Override
            public long nowMicros() {
                Instant now = Instant.now();
                return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000 + offsetMicros;
            }

            @Override
            public long offsetMicros() {
                return offsetMicros;
            }

            @Override
            public void sleepUntil(long micros) throws InterruptedException {
                // parks to SPIN_MICROS before the instant, then spins: a parked thread is woken by the
                // scheduler, late by tens of µs when the machine is idle but by milliseconds when it is busy,
                // and a slot's tolerance is 5 ms; a spinning thread is already running
                for (long left = micros - nowMicros(); left > SPIN_MICROS; left = micros - nowMicros()) {
                    LockSupport.parkNanos((left - SPIN_MICROS) * 1_000);
                    if (Thread.interrupted()) throw new InterruptedException();
                }
                while (nowMicros() < micros) {
                    Thread.onSpinWait();
                    if (Thread.interrupted()) throw new InterruptedException();
                }
            }
        };
    }
}
