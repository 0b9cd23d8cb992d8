package io.tdnet.wiring.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.Pacer;
import io.tdnet.model.Rate;
import io.tdnet.model.SlotSpacing;
import io.tdnet.wiring.pacing.SlotStore.Pushes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedPacerTest {
    /** A clock that only moves when slept on or told to; reads of the store can cost time. */
    static final class FakeClock implements ScheduleClock {
        long now = 1_000_000_000_000L;
        private long oversleep;
        private int sleepsBeforeOversleep;

        @Override
        public long nowMicros() {
            return now;
        }

        @Override
        public long offsetMicros() {
            return 0;
        }

        @Override
        public void sleepUntil(long micros) {
            now = Math.max(now, micros);
            if (oversleep > 0 && sleepsBeforeOversleep-- == 0) {
                now += oversleep;
                oversleep = 0;
            }
        }

        /**
         * The next acquire's sleep until its slot (its second sleep: the first is until the check) ends
         * {@code micros} late — a thread woken late on a busy machine.
         */
        void wakeLateAtTheNextSlot(long micros) {
            oversleep = micros;
            sleepsBeforeOversleep = 1;
        }
    }

    /** The schedule in memory, same arithmetic as the DynamoDB item; each hold read costs {@code readMicros}. */
    static final class MemoryStore implements SlotStore {
        final FakeClock clock;
        long next;
        long hold;
        long shift;
        long readMicros;
        long reserveMicros;
        long shiftMicros;
        Runnable onRead = () -> {};

        MemoryStore(FakeClock clock) {
            this.clock = clock;
        }

        int reads;

        @Override
        public Reservation reserve(long nowMicros, SlotSpacing spacing, long padMicros) {
            long slot = Math.max(nowMicros, next);
            next = slot + spacing.spacingMicros() + padMicros;
            clock.now += reserveMicros; // the answer's way back
            return new Reservation(slot, new Pushes(hold, shift));
        }

        @Override
        public Pushes shift(long micros) {
            shift += micros;
            next += micros;
            clock.now += shiftMicros;
            return new Pushes(hold, shift);
        }

        @Override
        public void hold(long untilMicros) {
            hold = Math.max(hold, untilMicros);
            next = Math.max(next, untilMicros);
        }

        @Override
        public Pushes pushes() {
            reads++;
            clock.now += readMicros;
            onRead.run();
            return new Pushes(hold, shift);
        }
    }

    static final class Sends implements SharedPacer.Observer {
        final List<Long> sent = new ArrayList<>();
        final List<Long> late = new ArrayList<>();
        final List<Long> held = new ArrayList<>();
        final List<SharedPacer.Miss> why = new ArrayList<>();

        @Override
        public void sending(long slotMicros, long nowMicros) {
            sent.add(nowMicros);
        }

        @Override
        public void slotGivenUp(long slotMicros, long nowMicros, SharedPacer.Miss miss) {
            (miss.late() ? late : held).add(slotMicros);
            why.add(miss);
        }
    }

    private final FakeClock clock = new FakeClock();
    private final MemoryStore store = new MemoryStore(clock);
    private final Sends sends = new Sends();

    private SharedPacer pacer(double rate) {
        return new SharedPacer(store, SlotSpacing.of(Rate.perSecond(rate)), clock, sends);
    }

    @Test
    void aBacklogIsSentOneSpacingApartAtNinetyEightPercentOfR() throws Exception {
        for (double rate : new double[] {1, 2, 5, 50}) {
            sends.sent.clear();
            SharedPacer pacer = pacer(rate);
            pacer.acquire(); // a process's first send pads the slot after it (aProcesssFirstSendPadsTheSlotAfterIt)
            sends.sent.clear();
            for (int i = 0; i < 200; i++) pacer.acquire();
            assertThat(maxInOneSecond(sends.sent)).as("R = %s", rate).isLessThanOrEqualTo((int) rate);
            double span = (sends.sent.get(199) - sends.sent.get(0)) / 1e6;
            assertThat(199 / (rate * span)).as("utilisation at R = %s", rate).isGreaterThanOrEqualTo(0.98);
        }
    }

    @Test
    void aProcesssFirstSendPadsTheSlotAfterIt() throws Exception {
        SharedPacer pacer = pacer(2);
        long spacing = SlotSpacing.of(Rate.perSecond(2)).spacingMicros();
        for (int i = 0; i < 3; i++) pacer.acquire();
        assertThat(sends.sent.get(1) - sends.sent.get(0)).isEqualTo(spacing + SlotSpacing.COLD_SEND_PAD.toNanos() / 1_000);
        assertThat(sends.sent.get(2) - sends.sent.get(1)).isEqualTo(spacing);
    }

    @Test
    void onlyOneSlotIsPaddedWhileAProcesssThreadsReserveAtOnceAndAGivenUpOnePassesThePadOn() throws Exception {
        long spacing = SlotSpacing.of(Rate.perSecond(2)).spacingMicros();
        long pad = SlotSpacing.COLD_SEND_PAD.toNanos() / 1_000;
        List<Long> slots = new ArrayList<>();
        SharedPacer pacer = new SharedPacer(store, SlotSpacing.of(Rate.perSecond(2)), clock, new SharedPacer.Observer() {
            @Override
            public void reserved(long slotMicros, long askedMicros, long answeredMicros) {
                slots.add(slotMicros);
            }
        });
        // three threads of a new process reserve before it has sent: only the first slot is padded
        Pacer.Slot first = pacer.reserve(Duration.ZERO);
        pacer.reserve(Duration.ZERO);
        pacer.reserve(Duration.ZERO);
        assertThat(slots.get(1) - slots.get(0)).isEqualTo(spacing + pad);
        assertThat(slots.get(2) - slots.get(1)).isEqualTo(spacing);
        assertThat(store.next - slots.get(2)).isEqualTo(spacing);
        // the first slot passes before its thread comes back, too long ago for a shift to mend (over 100 ms):
        // given up, its pad goes to the next reservation
        clock.now = slots.get(0) + 200_000;
        assertThat(first.send()).isFalse();
        Pacer.Slot fourth = pacer.reserve(Duration.ZERO);
        assertThat(store.next - slots.get(3)).isEqualTo(spacing + pad);
        assertThat(fourth.send()).isTrue();
        pacer.reserve(Duration.ZERO);
        assertThat(store.next - slots.get(4)).as("the process has sent: no pad").isEqualTo(spacing);
    }

    @Test
    void aSenderLaterThanTheToleranceGivesItsSlotUpAndSendsInANewOne() throws Exception {
        SharedPacer pacer = pacer(2);
        pacer.acquire();
        pacer.acquire(); // a hold read that costs nothing: the read lead is learnt (0.5 ms)
        assertThat(sends.late).isEmpty();
        // the hold read takes 150 ms, more than the lead the pacer learnt and than a quarter spacing (100 ms
        // at most): the check ends late once
        store.readMicros = 150_000;
        pacer.acquire();
        assertThat(sends.late).hasSize(1);
        assertThat(sends.why).containsExactly(SharedPacer.Miss.CHECKED_LATE);
        long lateSlot = sends.late.get(0);
        assertThat(sends.sent.get(2)).isGreaterThan(lateSlot + 30_000);
        assertThat(sends.sent.get(2) - sends.sent.get(1)).isGreaterThanOrEqualTo(SlotSpacing.of(Rate.perSecond(2)).spacingMicros());
    }

    @Test
    void atALowRateTheCheckStartsAQuarterSpacingEarlySoASlowReadKeepsTheSlot() throws Exception {
        SharedPacer pacer = pacer(2);
        pacer.acquire();
        pacer.acquire(); // reads that cost nothing: the learnt read lead is the 10 ms floor
        store.readMicros = 60_000; // then a read takes 60 ms: under the quarter spacing (100 ms at R = 2)
        pacer.acquire();
        assertThat(sends.late).isEmpty();
        // at R = 50 a quarter spacing is 5 ms: the learnt lead (10 ms) decides, and the same read is late
        SharedPacer fast = pacer(50);
        store.readMicros = 0;
        fast.acquire();
        fast.acquire();
        store.readMicros = 60_000;
        fast.acquire();
        assertThat(sends.why).contains(SharedPacer.Miss.CHECKED_LATE);
    }

    @Test
    void everySendIsWithinTheToleranceOfItsSlot() throws Exception {
        SharedPacer pacer = pacer(5);
        store.readMicros = 3_000;
        List<Long> slots = new ArrayList<>();
        SharedPacer observed = new SharedPacer(store, SlotSpacing.of(Rate.perSecond(5)), clock, new SharedPacer.Observer() {
            @Override
            public void sending(long slotMicros, long nowMicros) {
                slots.add(nowMicros - slotMicros);
            }
        });
        for (int i = 0; i < 50; i++) observed.acquire();
        assertThat(slots).allSatisfy(lateBy -> assertThat(lateBy).isBetween(0L, 10_000L));
        assertThat(pacer.spacing().tolerance()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void aSenderWokenLateKeepsItsSlotByShiftingEveryLaterOneAndTheLimitHolds() throws Exception {
        SharedPacer pacer = pacer(2);
        long spacing = SlotSpacing.of(Rate.perSecond(2)).spacingMicros();
        for (int i = 0; i < 3; i++) pacer.acquire();
        long nextBefore = store.next;
        clock.wakeLateAtTheNextSlot(25_000); // 15 ms beyond the 10 ms tolerance
        pacer.acquire();
        assertThat(sends.late).isEmpty();
        assertThat(sends.sent).hasSize(4);
        long keptAt = sends.sent.get(3);
        // the shift is the lateness beyond the tolerance plus a write's lead (0.5 ms for an instant store)
        assertThat(store.shift).isEqualTo(15_000 + 500);
        assertThat(store.next).isEqualTo(nextBefore + spacing + store.shift);
        for (int i = 0; i < 4; i++) pacer.acquire();
        assertThat(sends.late).isEmpty();
        assertThat(maxInOneSecond(sends.sent)).isLessThanOrEqualTo(2);
        // the late send's span to the send two slots after it is what the tolerance allows, not shorter
        assertThat(sends.sent.get(5) - keptAt).isGreaterThanOrEqualTo(2 * spacing - 10_000);
    }

    @Test
    void aShiftByAnotherProcessAfterTheReservationMovesTheSlot() throws Exception {
        SharedPacer pacer = pacer(2);
        pacer.acquire();
        long slot = store.next;
        // another process kept a late slot while this one slept towards its own: its check sees the shift
        store.onRead = () -> {
            store.shift(30_000);
            store.onRead = () -> {};
        };
        pacer.acquire();
        assertThat(sends.sent.get(1)).isEqualTo(slot + 30_000);
        assertThat(sends.late).isEmpty();
    }

    @Test
    void aSenderLateByMoreThanAShiftCanMendGivesItsSlotUp() throws Exception {
        // at R = 2 a shift may be up to 100 ms: 150 ms late is given up
        SharedPacer slow = pacer(2);
        slow.acquire();
        clock.wakeLateAtTheNextSlot(150_000);
        slow.acquire();
        assertThat(sends.why).containsExactly(SharedPacer.Miss.WOKE_LATE);
        assertThat(store.shift).isZero();
        // at R = 50 a shift must cost less than the spacing (20.4 ms) a given-up slot does: 15 ms late is kept, 30 ms is not
        SharedPacer fast = pacer(50);
        fast.acquire();
        clock.wakeLateAtTheNextSlot(15_000);
        fast.acquire();
        assertThat(sends.why).hasSize(1);
        assertThat(store.shift).isEqualTo(5_000 + 500);
        clock.wakeLateAtTheNextSlot(30_000);
        fast.acquire();
        assertThat(sends.why).containsExactly(SharedPacer.Miss.WOKE_LATE, SharedPacer.Miss.WOKE_LATE);
    }

    @Test
    void aShiftAcknowledgedAfterItsOwnLengthSendsNothing() throws Exception {
        SharedPacer pacer = pacer(2);
        pacer.acquire();
        store.shiftMicros = 40_000; // the shift's write takes 40 ms: longer than the 15.5 ms it moved the schedule
        clock.wakeLateAtTheNextSlot(25_000);
        pacer.acquire();
        assertThat(sends.why).containsExactly(SharedPacer.Miss.WOKE_LATE);
        assertThat(store.shift).as("the shift stays: it only leaves the schedule idle").isEqualTo(15_500);
        assertThat(sends.sent).hasSize(2);
    }

    @Test
    void aCallerComingBackLateKeepsItsSlotWhenAShortShiftMendsIt() throws Exception {
        SharedPacer pacer = pacer(2);
        pacer.acquire();
        Pacer.Slot slot = pacer.reserve(Duration.ofMillis(5));
        long due = store.next - SlotSpacing.of(Rate.perSecond(2)).spacingMicros();
        clock.now = due + 30_000; // a connect that ended 30 ms after the slot
        assertThat(slot.send()).isTrue();
        assertThat(sends.sent.get(1)).isEqualTo(due + 30_000);
        assertThat(store.shift).isEqualTo(20_000 + 500);
    }

    @Test
    void aWriteThatEndsWithinTheToleranceMovesNothing() throws Exception {
        SharedPacer pacer = pacer(2);
        pacer.acquire();
        Pacer.Slot slot = pacer.reserve(Duration.ofMillis(5));
        assertThat(slot.send()).isTrue();
        clock.now += 9_000; // sent at the slot, written 9 ms later: within the 10 ms tolerance
        slot.written();
        assertThat(store.shift).isZero();
    }

    @Test
    void aWriteThatEndsLateMovesEveryLaterSlotByTheExcessAndTheLimitHoldsForTheWrites() throws Exception {
        SharedPacer pacer = pacer(2);
        long spacing = SlotSpacing.of(Rate.perSecond(2)).spacingMicros();
        List<Long> writes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Pacer.Slot slot = pacer.reserve(Duration.ZERO);
            assertThat(slot.send()).isTrue();
            if (i == 1) clock.now += 30_000; // preempted for 30 ms between the permit and the write
            writes.add(clock.now);
            slot.written();
        }
        // 30 ms after the slot, 20 ms beyond the tolerance
        assertThat(store.shift).isEqualTo(20_000);
        for (int i = 0; i < 4; i++) {
            Pacer.Slot slot = pacer.reserve(Duration.ZERO);
            assertThat(slot.send()).isTrue();
            writes.add(clock.now);
            slot.written();
        }
        assertThat(maxInOneSecond(writes)).isLessThanOrEqualTo(2);
        // the late write to the write two slots after it spans what the tolerance allows, not less
        assertThat(writes.get(3) - writes.get(1)).isGreaterThanOrEqualTo(2 * spacing - 10_000);
        assertThat(sends.late).isEmpty();
    }

    @Test
    void aWriteLaterThanASpacingMovesTheLaterSlotsOneSpacing() throws Exception {
        SharedPacer pacer = pacer(5);
        long spacing = SlotSpacing.of(Rate.perSecond(5)).spacingMicros();
        pacer.acquire();
        Pacer.Slot slot = pacer.reserve(Duration.ZERO);
        assertThat(slot.send()).isTrue();
        clock.now += 2_000_000; // a 2 s pause: the request went out as if in a slot of its own
        slot.written();
        assertThat(store.shift).isEqualTo(spacing);
    }

    @Test
    void aSlotKeptLateMayBeWrittenAsLateAsItsShift() throws Exception {
        SharedPacer pacer = pacer(2);
        pacer.acquire();
        Pacer.Slot slot = pacer.reserve(Duration.ofMillis(5));
        long due = store.next - SlotSpacing.of(Rate.perSecond(2)).spacingMicros();
        clock.now = due + 30_000; // a connect that ended 30 ms after the slot: kept by a 20.5 ms shift
        assertThat(slot.send()).isTrue();
        slot.written(); // written at once: inside tolerance + shift
        assertThat(store.shift).isEqualTo(20_500);
        clock.now += 15_000;
        // 15 ms later: 45 ms after the slot, 14.5 ms beyond the 10 ms tolerance + the 20.5 ms it shifted
        slot.written();
        assertThat(store.shift).isEqualTo(20_500 + 14_500);
    }

    @Test
    void aSlotGivenUpIsNeverWrittenLate() throws Exception {
        SharedPacer pacer = pacer(2);
        pacer.acquire();
        Pacer.Slot slot = pacer.reserve(Duration.ofMillis(5));
        clock.now = store.next; // a whole spacing late: given up
        assertThat(slot.send()).isFalse();
        slot.written();
        assertThat(store.shift).isZero();
    }

    @Test
    void aPushBackByAnotherProcessMakesAReservedSlotInsideTheQuietSpanBeGivenUp() throws Exception {
        SharedPacer pacer = pacer(2);
        pacer.acquire();
        long first = sends.sent.get(0);
        // another process sees a 429 with Retry-After: 5 while this one sleeps towards its next slot
        store.onRead = () -> {
            store.hold(first + 5_000_000);
            store.onRead = () -> {};
        };
        pacer.acquire();
        assertThat(sends.held).hasSize(1);
        assertThat(sends.sent.get(1)).isGreaterThanOrEqualTo(first + 5_000_000);
    }

    @Test
    void aPushBackSeenByThisProcessHoldsItsNextPermit() throws Exception {
        SharedPacer pacer = pacer(50);
        pacer.acquire();
        long first = sends.sent.get(0);
        pacer.pushBack(java.time.Instant.EPOCH.plusNanos((first + 5_000_000) * 1_000));
        pacer.acquire();
        assertThat(sends.sent.get(1)).isGreaterThanOrEqualTo(first + 5_000_000);
    }

    @Test
    void aReservationAnsweredJustBeforeItsSlotIsItsOwnQuietSpanCheck() throws Exception {
        SharedPacer pacer = pacer(2);
        // an idle schedule: the slot is the reservation's lead away, and the reservation carried the span
        pacer.acquire();
        assertThat(store.reads).isZero();
        // a backlog: the slot is a spacing after the reservation, so the span is read shortly before it
        pacer.acquire();
        assertThat(store.reads).isEqualTo(1);
        assertThat(sends.sent).hasSize(2);
    }

    @Test
    void aQuietSpanCarriedByTheReservationHoldsTheSlotWithoutARead() throws Exception {
        SharedPacer pacer = pacer(50);
        // another process pushed: the span is in the item, and next already after it
        store.hold(clock.now + 5_000_000);
        pacer.acquire();
        assertThat(sends.sent.get(0)).isGreaterThanOrEqualTo(store.hold);
        assertThat(sends.held).isEmpty();
    }

    @Test
    void aNewProcesssFirstSlowReadDoesNotCostItsFirstSlots() throws Exception {
        // a new JVM: its first reads load classes and take 60 ms; the lead starts at the cap until measured
        store.readMicros = 60_000;
        SharedPacer pacer = pacer(2);
        for (int i = 0; i < 3; i++) pacer.acquire();
        assertThat(sends.late).isEmpty();
        assertThat(sends.sent).hasSize(3);
    }

    @Test
    void aReservationAnsweredAfterItsSlotIsGivenUpAtOnceAndTheLeadGrowsToTheAnswersTime() throws Exception {
        SharedPacer pacer = pacer(2);
        pacer.acquire(); // an instant store: the reservation lead is learnt as 0.5 ms
        clock.now += 10_000_000; // the schedule stands idle
        store.reserveMicros = 30_000; // now answers take 30 ms: the idle schedule's slot has passed when one arrives
        pacer.acquire();
        assertThat(sends.why).containsExactly(SharedPacer.Miss.ANSWERED_LATE);
        assertThat(sends.sent).hasSize(2);
        clock.now += 10_000_000;
        pacer.acquire(); // the lead has grown to the measured answers
        assertThat(sends.why).hasSize(1);
    }

    @Test
    void aNewProcesssFirstSlowReservationsDoNotCostItsSlots() throws Exception {
        // a new JVM's reservations take 40 ms (classes loading, a cold store); the lead is 100 ms until measured,
        // then 1.5 × what was measured — not the median of a window still holding zeros
        store.reserveMicros = 40_000;
        SharedPacer pacer = pacer(2);
        for (int i = 0; i < 3; i++) {
            pacer.acquire();
            clock.now += 10_000_000; // each time an idle schedule: the slot is the lead away
        }
        assertThat(sends.late).isEmpty();
        assertThat(sends.sent).hasSize(3);
    }

    @Test
    void aCallerComingBackAfterItsSlotSendsNothing() throws Exception {
        SharedPacer pacer = pacer(2);
        Pacer.Slot slot = pacer.reserve(Duration.ofMillis(5));
        clock.now += 300_000; // a connect that took 300 ms: ends 195 ms after the slot, more than a shift may mend
        assertThat(slot.send()).isFalse();
        assertThat(sends.why).containsExactly(SharedPacer.Miss.CALLER_LATE);
        assertThat(sends.sent).isEmpty();
    }

    @Test
    void theSleepBeforeASlotEndsAtTheInstantAndNotBefore() throws Exception {
        ScheduleClock system = ScheduleClock.system(0);
        long target = system.nowMicros() + 2 * ScheduleClock.SPIN_MICROS;
        system.sleepUntil(target);
        assertThat(system.nowMicros()).isGreaterThanOrEqualTo(target);
    }

    static int maxInOneSecond(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        sorted.sort(null);
        int max = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (sorted.get(to) - sorted.get(from) >= 1_000_000) from++;
            max = Math.max(max, to - from + 1);
        }
        return max;
    }
}
