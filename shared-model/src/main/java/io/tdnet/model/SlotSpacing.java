package io.tdnet.model;

import java.time.Duration;

/**
 * The arithmetic of the shared slot schedule toward TDnet (docs/ARCHITECTURE.md, "Politeness"): how far
 * apart slots are, how late a sender may send in its slot, and how far a process's clock may be from
 * the schedule's time.
 *
 * <p>Slot k is {@code slot(k) ≥ slot(k−1) + spacing}. A sender sends at {@code t(k)} with
 * {@code slot(k) ≤ t(k) ≤ slot(k) + tolerance} on its own clock (a later sender gives the slot up and
 * reserves a new one), and its clock is within {@code ±skew} of the schedule's time. R + 1 consecutive
 * sends therefore span, in true time, at least {@code R·spacing − tolerance − 2·skew}. No 1-s window can
 * hold R + 1 sends when that span exceeds 1 s:
 *
 * <pre>
 *   R·spacing ≥ 1 s + budget,  budget = tolerance + 2·skew
 *   spacing = (1 s + budget) / R,  utilisation under a backlog = 1 / (R·spacing) = 1 / (1 + budget)
 * </pre>
 *
 * With budget = 20 ms (tolerance 10 ms, skew ±5 ms) utilisation is 1 / 1.02 = 98.04% at every R; when
 * every sender reads one clock ({@link #sameClock}: the endpoint is on this machine) there is no clock
 * skew, the budget is a 5 ms tolerance + 2 × 5 ms send-to-arrival jitter = 15 ms, and it is
 * 1 / 1.015 = 98.52% — the goal is ≥ 98% at R ≤ 5 and ≥ 95% at R = 50 — and a sender delayed by more than
 * the tolerance before its permit (a loaded machine, a slow schedule read) never sends late: it takes the
 * next free slot, or moves every later slot first; one delayed after its permit moves them once its request
 * is written (below).
 * The budget is absolute time, not a fraction of the spacing, so the same milliseconds protect R = 1 and
 * R = 100 alike.
 *
 * <p>The send instant is when the request is written, not when the permit was handed out: a thread
 * preempted or paused between the two (measured on the 2-core machine with 6+ JVMs, kernel timestamps of
 * the request packets on loopback: up to 23 ms in the twin's Lambdas, 2–4 requests in 120) would compress
 * a span by that much with nobody the wiser. So the sender notes when its write ended
 * ({@link Pacer.Slot#written()}): ended {@code W > tolerance} after its slot, it moves every later slot
 * {@code min(W − tolerance, spacing)} — the same shift a sender kept late makes (below), made after the
 * fact, which is as if its slot had been that much later. The send ⌊R⌋ slots later checks at least 415 ms
 * after the late slot (below), by when the shift (the write's lateness plus a store round trip) is in
 * place. A new JVM's first sends, which run code after the check for the first time, are where the
 * delay is largest; the sender also pads the slot after its own by {@link #COLD_SEND_PAD}.
 *
 * <p>A sender late by {@code L > tolerance} may keep its slot instead of giving it up: it moves every slot
 * not yet sent, and the next free one, {@code S = L − tolerance + a write's round trip} later (one atomic
 * update of the schedule's shift and {@code next}) and sends once that is acknowledged, no later than
 * {@code slot + tolerance + S}. Every sender sends at its slot plus the shift made between its reservation
 * and its check. The bound above still holds: the late send is at most {@code tolerance + S} after its slot,
 * and the send ⌊R⌋ slots later has moved S, since its check starts at least {@code R·spacing − 600 ms ≥
 * 415 ms} (leads of the connect and the read) after the late slot, when the shift (at most 110 ms after it)
 * is in place; a send in between may or may not have seen the shift, and one moved later only lengthens
 * spans — and if it saw it, so does the send ⌊R⌋ after it, by the same timing. A kept slot costs S of the
 * schedule where a given-up one costs a spacing, so a sender keeps only when {@code S < spacing} and
 * {@code S ≤ 100 ms}: at R = 2 a wake-up 20 ms late costs about 25 ms instead of 507 ms.
 *
 * @param rate requests per second for the whole deployment
 * @param spacing time between consecutive slots
 * @param tolerance how late after its slot a sender may still send
 * @param skew how far a process's clock may be from the schedule's time (the DynamoDB endpoint's)
 */
public record SlotSpacing(Rate rate, Duration spacing, Duration tolerance, Duration skew) {
    /** How late a sender may send in its slot. */
    public static final Duration TOLERANCE = Duration.ofMillis(10);
    /** How far (either way) a process's clock may be from the schedule's time. */
    public static final Duration SKEW = Duration.ofMillis(5);
    /** How late a sender may send when every sender reads one clock ({@link #sameClock}). */
    public static final Duration SAME_CLOCK_TOLERANCE = Duration.ofMillis(5);
    /**
     * With one clock, what stands in for the skew: how much the path from the send instant to TDnet's
     * arrival can compress a span (either way, so it counts twice). Measured on loopback: R + 1 sends
     * 1,001 ms apart arrived 999 ms apart; a budget of the tolerance alone let 3 arrivals into one second
     * at R = 2; 2.5 ms let the twin's 3 arrivals into 998 ms on an idle machine ({@code tdnet bench --only
     * politeness}), so 5 ms: a span may compress by 10 ms.
     */
    public static final Duration ARRIVAL_JITTER = Duration.ofMillis(5);
    /**
     * How much further the slot after a process's first sends is placed ({@code next = slot + spacing + pad}
     * while the process has not yet sent): a new JVM's first request, even after its path was warmed, reached
     * the server 19–29 ms after its send instant in the twin (a dozen JVMs on two cores), and a later
     * downloader environment's first 10 ms, where the budget lets a span compress by 10; the first of three
     * arrivals at R = 2 then shortened their span below one second. Padded this way, the arrival of such a
     * request may be up to 50 ms + the budget late. It costs 50 ms of the schedule per process start.
     */
    public static final Duration COLD_SEND_PAD = Duration.ofMillis(50);

    public SlotSpacing {
        if (rate.unthrottled()) throw new IllegalArgumentException("an unthrottled rate has no slots");
        if (tolerance.isNegative() || skew.isNegative()) throw new IllegalArgumentException("negative tolerance or skew");
        Duration span = spacing.multipliedBy(perWindow(rate));
        if (spacing.toNanos() * slotsPerSecond(rate) < 1e9 + tolerance.toNanos() + 2 * skew.toNanos()) {
            throw new IllegalArgumentException("spacing " + spacing + " lets R + 1 sends into one second at " + rate
                    + " (span " + span + ")");
        }
    }

    /** The schedule for {@code rate} with the default tolerance and skew. */
    public static SlotSpacing of(Rate rate) {
        return of(rate, TOLERANCE, SKEW);
    }

    /**
     * The schedule for {@code rate} when every sender reads the same clock — the endpoint is on this
     * machine (a loopback endpoint such as the AWS twin's, a DynamoDB Local in process), so all processes
     * sharing it read this machine's one system clock and there is no clock skew, only the send-to-arrival
     * jitter: budget = 5 ms tolerance + 2 × {@link #ARRIVAL_JITTER} = 15 ms, utilisation 1 / 1.015 = 98.52%.
     */
    public static SlotSpacing sameClock(Rate rate) {
        return of(rate, SAME_CLOCK_TOLERANCE, ARRIVAL_JITTER);
    }

    public static SlotSpacing of(Rate rate, Duration tolerance, Duration skew) {
        Duration budget = tolerance.plus(skew.multipliedBy(2));
        long spacingNanos = (long) Math.ceil((1e9 + budget.toNanos()) / slotsPerSecond(rate));
        return new SlotSpacing(rate, Duration.ofNanos(spacingNanos), tolerance, skew);
    }

    /**
     * The most requests one 1-s window may hold: R rounded down, at least one. A window holds a whole number
     * of requests, so at R = 2.5 it may hold 2, and slots 400 ms apart would put 3 into 800 ms; below 1 a
     * request is alone in its window and the next comes 1/R later.
     */
    public static long perWindow(Rate rate) {
        return Math.max(1, (long) Math.floor(rate.perSecond()));
    }

    /** What the spacing divides the second by: R when it is whole or below 1, else R rounded down. */
    private static double slotsPerSecond(Rate rate) {
        return Math.min(rate.perSecond(), perWindow(rate));
    }

    /** {@code tolerance + 2·skew}: the time error R·spacing − 1 s absorbs. */
    public Duration budget() {
        return tolerance.plus(skew.multipliedBy(2));
    }

    /** The share of R a backlog gets: {@code 1 / (R·spacing)}. */
    public double utilisation() {
        return 1e9 / (rate.perSecond() * spacing.toNanos());
    }

    public long spacingMicros() {
        return Math.max(1, (spacing.toNanos() + 999) / 1000);
    }
}
