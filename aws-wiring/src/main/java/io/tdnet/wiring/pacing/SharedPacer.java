package io.tdnet.wiring.pacing;

import io.tdnet.model.Pacer;
import io.tdnet.model.SlotSpacing;
import io.tdnet.wiring.pacing.SlotStore.Pushes;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link Pacer} every process toward TDnet shares — the lister, each downloader execution
 * environment, {@code collect} (local and {@code --aws}) and {@code dlq redrive} — through one slot
 * schedule in a {@link SlotStore} (a DynamoDB item, on AWS and on DynamoDB Local alike).
 *
 * <p>{@link #acquire()} (and {@link #reserve(Duration)} + {@link Slot#send()} for a caller that connects
 * between the two):
 * <ol>
 *   <li>reserves the next slot ({@code slot = max(now + lead, next)}, {@code next = slot + spacing}; one
 *       conditional write; the lead is 1.5 × the median of the last eight reservations, so an idle
 *       schedule's slot is still ahead when the answer arrives; the slot after a process's first one is
 *       {@link SlotSpacing#COLD_SEND_PAD} further, since a new JVM's first request is the slowest from its
 *       instant to the wire);
 *   <li>wakes shortly before the slot (by 2 × the slowest of the last eight reads, at least 10 ms, and at
 *       least a quarter spacing up to 100 ms) and reads the schedule's {@link Pushes}
 *       (one strongly consistent read — unless another answer to this process, such as another thread's
 *       reservation, which carries them too, was asked for since then): the slot moves as far as late
 *       senders shifted the schedule since it was reserved, and a slot inside a span a server's
 *       {@code Retry-After} asked for — pushed by any process after this one reserved — is given up and a
 *       new one reserved, which lands after the span because the push also moved {@code next};
 *   <li>sleeps until the slot and returns — unless it is already more than the tolerance past it (a
 *       loaded machine, a slow connect): then it keeps the slot by shifting every later one as far as it
 *       is late beyond the tolerance (one write; only when that is less than a spacing and at most 100 ms,
 *       and it sends only if the write is acknowledged within the shift) or gives it up and reserves a new
 *       one, so the send instant, not the reservation, obeys the limit ({@link SlotSpacing} has the
 *       arithmetic). A slow reservation or read still gives the slot up;
 *   <li>once the caller has written its request ({@link Slot#written()}): a write that ended more than the
 *       tolerance after the slot (a thread preempted between the permit and the write) moves every later
 *       slot by the excess, at most a spacing (one write).
 * </ol>
 *
 * <p>Cost per request toward TDnet: one DynamoDB write (the reservation; a second one when the schedule
 * turns from idle to busy or back, since the guess of which conditional update applies was wrong) and
 * at most one strongly consistent read (the check, spared when another answer to this process
 * was recent enough); a slot given up costs both again, a slot kept late or written late one more write. On-demand
 * pricing: about 1.25 + 0.25 USD per million requests. A push-back is one or two writes.
 *
 * <p>Thread-safe; the schedule is in the store, the process keeps only its leads and what it last learnt
 * of the quiet span.
 */
public final class SharedPacer implements Pacer {
    /** What a caller may want to see of the pacer's work (the benchmark's send instants, logs). */
    public interface Observer {
        /** A permit was handed out: the caller sends now. */
        default void sending(long slotMicros, long nowMicros) {}

        /**
         * A permit was handed out late: the sender kept its slot by moving every later one
         * {@code shiftMicros} ({@code why}: the step that ended late), and sends now.
         */
        default void sendingLate(long slotMicros, long nowMicros, long shiftMicros, Miss why) {
            sending(slotMicros, nowMicros);
        }

        /**
         * The request of a slot was written to the wire at {@code writtenMicros}, later than the slot allows:
         * every later slot was moved {@code shiftMicros}.
         */
        default void writtenLate(long slotMicros, long writtenMicros, long shiftMicros) {}

        /** A slot was reserved: asked at {@code askedMicros}, answered at {@code answeredMicros}. */
        default void reserved(long slotMicros, long askedMicros, long answeredMicros) {}

        /** The pushes were read from the store (no answer of this process was fresh enough). */
        default void pushesRead() {}

        /** A reserved slot was given up at {@code nowMicros}: missed, or inside a quiet span ({@code why}). */
        default void slotGivenUp(long slotMicros, long nowMicros, Miss why) {}

        Observer NONE = new Observer() {};
    }

    /**
     * Why a reserved slot was given up. Every late kind costs the same (one spacing nobody sends in); they
     * are told apart so that the benchmark can say which step of a sender's cycle was slow.
     */
    public enum Miss {
        /** The store answered the reservation after the slot's tolerance (a slow store, an idle schedule). */
        ANSWERED_LATE,
        /** The quiet-span check ended after the slot's tolerance (a slow read). */
        CHECKED_LATE,
        /** The caller came back to send after the slot's tolerance (a slow connect, a delayed thread). */
        CALLER_LATE,
        /** The sender woke after the slot's tolerance (a busy machine, a pause). */
        WOKE_LATE,
        /** The slot is inside a quiet span a server's {@code Retry-After} asked for. */
        HELD;

        /** Missed by time rather than held. */
        public boolean late() {
            return this != HELD;
        }
    }

    /** The longest connect lead (TdnetClient caps its own at 100 ms too). */
    private static final long MAX_CONNECT_LEAD_MICROS = 100_000;
    /**
     * The longest lead of a store round trip: a step started later than its round trip cannot end by the
     * slot, so under a slow store (measured: in-process DynamoDB Local behind 20 busy threads answered in
     * 200 ms at the median, 1.2 s at p99) a lower cap only turns slow answers into given-up slots. An idle
     * store's leads stay at a few ms, since they follow the round trips measured.
     */
    private static final long MAX_LEAD_MICROS = 500_000;
    /**
     * The shortest lead of the quiet-span read. A read that ends after the slot costs the slot, while one
     * started early only sees a push-back that much sooner; in the twin (a dozen JVMs on two cores) reads
     * led by 1.5 × the slowest of the last eight still ended late for 3–7 slots in 120.
     */
    private static final long MIN_READ_LEAD_MICROS = 10_000;
    /**
     * At a low R the check may start a quarter spacing early, up to 100 ms: a push-back lands within tens of ms
     * of the 429 while the next slot is a spacing (≥ 200 ms at R ≤ 5) after it, so the check still sees it, and a
     * slow read on a loaded machine (the twin: reads of 100–270 ms at p99–max) no longer costs the slot.
     * At R = 50 it is 5 ms: the measured leads decide.
     */
    private static final long MAX_SPACING_READ_LEAD_MICROS = 100_000;
    /** Before the first round trip has been measured. */
    private static final long FIRST_LEAD_MICROS = 100_000;
    /**
     * The longest shift a late sender may make to keep its slot. The shift must reach the sender ⌊R⌋ slots
     * later before its check, which starts at most 600 ms (connect and read leads) before a slot at least
     * 1,015 ms later: 415 ms after the late slot, while the shift is acknowledged within tolerance + shift.
     */
    private static final long MAX_SHIFT_MICROS = 100_000;

    private final SlotStore store;
    private final SlotSpacing spacing;
    private final long toleranceMicros;
    private final long spacingReadLeadMicros;
    private final ScheduleClock clock;
    private final Observer observer;
    private final RoundTrips readTrips = new RoundTrips();
    private final RoundTrips reserveTrips = new RoundTrips();
    // until a round trip has been measured the leads are long: a new process's first calls load classes
    // and open connections (tens of ms), and a first slot missed by a new JVM costs a whole spacing
    private volatile long readLeadMicros = FIRST_LEAD_MICROS;
    private volatile long reserveLeadMicros = FIRST_LEAD_MICROS;
    private final KnownPushes pushes = new KnownPushes();
    // the process's first slot pads the one after it (SlotSpacing.COLD_SEND_PAD): one padded slot at a time,
    // taken again only when it was given up before this process had sent (its threads reserve at once on a start)
    private final AtomicBoolean padTaken = new AtomicBoolean();
    private volatile boolean sentOnce;

    public SharedPacer(SlotStore store, SlotSpacing spacing, ScheduleClock clock, Observer observer) {
        this.store = Objects.requireNonNull(store, "store");
        this.spacing = Objects.requireNonNull(spacing, "spacing");
        this.toleranceMicros = spacing.tolerance().toNanos() / 1_000;
        this.spacingReadLeadMicros = Math.min(MAX_SPACING_READ_LEAD_MICROS, spacing.spacingMicros() / 4);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    public SlotSpacing spacing() {
        return spacing;
    }

    @Override
    public Duration acquire() throws InterruptedException {
        long started = clock.nowMicros();
        while (true) {
            Slot slot = reserve(Duration.ZERO, started);
            if (slot.send()) return slot.waited();
        }
    }

    @Override
    public Slot reserve(Duration connectLead) throws InterruptedException {
        return reserve(connectLead, clock.nowMicros());
    }

    private Slot reserve(Duration connectLead, long started) throws InterruptedException {
        long leadMicros = Math.min(MAX_CONNECT_LEAD_MICROS, connectLead.toNanos() / 1_000);
        while (true) {
            // ask for a slot no earlier than the reservation's own round trip from now, so that an idle
            // schedule's slot is not already past when the answer arrives
            long beforeReserve = clock.nowMicros();
            boolean padded = !sentOnce && padTaken.compareAndSet(false, true);
            long padMicros = padded ? SlotSpacing.COLD_SEND_PAD.toNanos() / 1_000 : 0;
            SlotStore.Reservation reservation = store.reserve(beforeReserve + reserveLeadMicros, spacing, padMicros);
            long slot = reservation.slot();
            long afterReserve = clock.nowMicros();
            pushes.learn(reservation.pushes(), beforeReserve);
            observer.reserved(slot, beforeReserve, afterReserve);
            reserveLeadMicros = reserveTrips.typicalLead(afterReserve - beforeReserve);
            // a slot already missed is given up at once: no read, no connect for a send that cannot happen
            if (afterReserve - slot > toleranceMicros) {
                giveUp(slot, afterReserve, Miss.ANSWERED_LATE, padded);
                continue;
            }
            long checkFrom = slot - leadMicros - Math.max(readLeadMicros, spacingReadLeadMicros);
            clock.sleepUntil(checkFrom);
            Pushes known = pushesFrom(checkFrom);
            long checked = clock.nowMicros();
            // the slot as shifted since it was reserved; later shifts no longer move it (SlotSpacing)
            slot += known.shift() - reservation.pushes().shift();
            if (known.holdUntil() > slot) {
                giveUp(slot, checked, Miss.HELD, padded);
                continue;
            }
            if (checked - slot > toleranceMicros) {
                giveUp(slot, checked, Miss.CHECKED_LATE, padded);
                continue;
            }
            return new ReservedSlot(slot, started, padded);
        }
    }

    /** A slot nobody sends in; a padded one passes the pad on to this process's next reservation. */
    private void giveUp(long slot, long now, Miss why, boolean padded) {
        if (padded) padTaken.set(false);
        observer.slotGivenUp(slot, now, why);
    }

    /**
     * The schedule's pushes as the store had them at {@code checkFrom} or later: what an answer to this
     * process (a reservation of any of its threads, a read, its own shift) asked no earlier than
     * {@code checkFrom} carried, else one strongly consistent read. A read started at {@code checkFrom} would
     * see no more, so the check is as fresh as before and costs no read when the process's own traffic is
     * dense — at high R, or when reads are slow enough that their lead has grown (a loaded store).
     */
    private Pushes pushesFrom(long checkFrom) {
        java.util.Optional<Pushes> known = pushes.asOf(checkFrom);
        if (known.isPresent()) return known.get();
        long beforeRead = clock.nowMicros();
        Pushes read = store.pushes();
        long afterRead = clock.nowMicros();
        readLeadMicros = readTrips.lead(afterRead - beforeRead);
        pushes.learn(read, beforeRead);
        observer.pushesRead();
        return read;
    }

    /**
     * How early to start a step that must end by a slot: 2 × the slowest of the last eight round trips of
     * that step, within [10 ms, 500 ms]. The slowest, not the last: on a loaded machine round trips are
     * heavy-tailed, and every step that ends late costs a slot.
     */
    private static final class RoundTrips {
        private final long[] recent = new long[8];
        private int next;
        private int count;

        synchronized long lead(long roundTripMicros) {
            record(roundTripMicros);
            long slowest = 0;
            for (int i = 0; i < count; i++) slowest = Math.max(slowest, recent[i]);
            return Math.max(MIN_READ_LEAD_MICROS, bounded(slowest * 2));
        }

        /**
         * 1.5 × the median of the last eight: the reservation's lead. Its cost is the other way round from
         * a read's — an idle schedule's slot is placed {@code now + lead}, so a lead longer than the answer
         * takes leaves a gap nobody sends in, while a slot answered late only costs one spacing — so the
         * typical round trip, not the slowest, sets it. Only round trips measured count: a new process's
         * first few would otherwise be compared with zeros, and its first slots answered after they passed.
         */
        synchronized long typicalLead(long roundTripMicros) {
            record(roundTripMicros);
            long[] sorted = java.util.Arrays.copyOf(recent, count);
            java.util.Arrays.sort(sorted);
            return bounded(sorted[count / 2] * 3 / 2);
        }

        private void record(long roundTripMicros) {
            recent[next] = roundTripMicros;
            next = (next + 1) % recent.length;
            count = Math.min(recent.length, count + 1);
        }

        private static long bounded(long leadMicros) {
            return Math.min(MAX_LEAD_MICROS, Math.max(500, leadMicros));
        }
    }

    private final class ReservedSlot implements Slot {
        private final long slot;
        private final long started;
        private final boolean padded;
        private long sentAt;
        // how far this sender moved the later slots to keep its own: it may send that much later
        private long keptShift;

        ReservedSlot(long slot, long started, boolean padded) {
            this.slot = slot;
            this.started = started;
            this.padded = padded;
        }

        @Override
        public boolean send() throws InterruptedException {
            long entered = clock.nowMicros();
            if (entered - slot > toleranceMicros) return keepLate(entered, Miss.CALLER_LATE);
            clock.sleepUntil(slot);
            long now = clock.nowMicros();
            if (now - slot > toleranceMicros) return keepLate(now, Miss.WOKE_LATE);
            sentAt = now;
            sentOnce = true;
            observer.sending(slot, now);
            return true;
        }

        /**
         * Late by more than the tolerance at {@code now}: moves every later slot as far as this one is late
         * beyond the tolerance, plus a write's round trip, and sends once that is acknowledged — when the
         * shift is less than the spacing a given-up slot would cost (and at most 100 ms); else gives it up.
         */
        private boolean keepLate(long now, Miss why) {
            long shift = now - slot - toleranceMicros + reserveLeadMicros;
            if (shift >= Math.min(MAX_SHIFT_MICROS, spacing.spacingMicros())) {
                giveUp(slot, now, why, padded);
                return false;
            }
            Pushes after = store.shift(shift);
            long acked = clock.nowMicros();
            pushes.learn(after, now);
            if (after.holdUntil() > slot) {
                giveUp(slot, acked, Miss.HELD, padded);
                return false;
            }
            if (acked - slot > toleranceMicros + shift) {
                giveUp(slot, acked, why, padded);
                return false;
            }
            sentAt = acked;
            keptShift = shift;
            sentOnce = true;
            observer.sendingLate(slot, acked, shift, why);
            return true;
        }

        /**
         * The permit was handed out in time, but the write may not have been: a thread preempted or paused
         * between the two sends late without knowing it. A write that ended more than the tolerance after the
         * slot (plus any shift it made to keep it) moves every later slot by the excess, at most a spacing —
         * enough for a request that went out up to a whole spacing late, which is then as if its slot had been
         * that much later ({@link SlotSpacing}).
         */
        @Override
        public void written() {
            if (sentAt == 0) return;
            long now = clock.nowMicros();
            long late = now - slot - keptShift - toleranceMicros;
            if (late <= 0) return;
            long shift = Math.min(late, spacing.spacingMicros());
            pushes.learn(store.shift(shift), now);
            observer.writtenLate(slot, now, shift);
        }

        @Override
        public Duration waited() {
            return Duration.ofNanos(Math.max(0, (sentAt == 0 ? clock.nowMicros() : sentAt) - started) * 1_000);
        }
    }

    @Override
    public void pushBack(Instant until) {
        // until is on the local wall clock (the client's Retry-After arithmetic); the schedule's line is shifted
        long holdUntil = until.getEpochSecond() * 1_000_000 + until.getNano() / 1_000 + clock.offsetMicros();
        store.hold(holdUntil);
        pushes.pushed(holdUntil);
    }
}
