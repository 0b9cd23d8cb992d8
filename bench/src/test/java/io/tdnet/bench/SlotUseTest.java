package io.tdnet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.wiring.pacing.SendLog;
import io.tdnet.wiring.pacing.SharedPacer;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Where a run's utilisation went, from the senders' logs. */
class SlotUseTest {
    private static final long SPACING = 505_000;

    private static SendLog.Entry sent(long slot, long lateBy) {
        return SendLog.Entry.sent(slot + lateBy, slot);
    }

    @Test
    void aBacklogSentOnTimeHasNoIdleTimeAndNoGiveUps() {
        SlotUse use = SlotUse.of(List.of(sent(0, 100), sent(SPACING, 200), sent(2 * SPACING, 4_000)), SPACING);
        assertThat(use.sends()).isEqualTo(3);
        assertThat(use.givenUpLate() + use.givenUpHeld()).isZero();
        assertThat(use.idleMillis()).isZero();
        assertThat(use.lateMaxMillis()).isCloseTo(4.0, Offset.offset(1e-9));
        assertThat(use.spanMillis()).isCloseTo((2 * SPACING + 4_000 - 100) / 1e3, Offset.offset(1e-9));
    }

    @Test
    void aGivenUpSlotIsCountedAndIsNotIdleTime() {
        // slot 1 was missed by 8 ms and given up; its sender sent in slot 2: no gap in the schedule
        SlotUse use = SlotUse.of(List.of(sent(0, 0), SendLog.Entry.givenUp(SPACING + 8_000, SPACING, SharedPacer.Miss.WOKE_LATE),
                sent(2 * SPACING, 0)), SPACING);
        assertThat(use.givenUpLate()).isEqualTo(1);
        assertThat(use.givenUpHeld()).isZero();
        assertThat(use.lateBy()).containsExactly(org.assertj.core.api.Assertions.entry(SharedPacer.Miss.WOKE_LATE, 1));
        assertThat(use.describe()).contains("1 late (1 woke-late)");
        assertThat(use.idleMillis()).isZero();
        assertThat(use.sends()).isEqualTo(2);
    }

    @Test
    void aSendKeptLateIsASendAndItsShiftIsNotIdleTime() {
        // slot 1's sender woke 8 ms late and shifted every later slot 4 ms: slot 2 comes a spacing + 4 ms after it
        SlotUse use = SlotUse.of(List.of(sent(0, 0), SendLog.Entry.keptLate(SPACING + 8_500, SPACING, 4_000, SharedPacer.Miss.WOKE_LATE),
                sent(2 * SPACING + 4_000, 300)), SPACING);
        assertThat(use.sends()).isEqualTo(3);
        assertThat(use.kept()).isEqualTo(1);
        assertThat(use.shiftMillis()).isCloseTo(4.0, Offset.offset(1e-9));
        assertThat(use.givenUpLate()).isZero();
        assertThat(use.idleMillis()).isZero();
        assertThat(use.lateMaxMillis()).as("on-time sends only").isCloseTo(0.3, Offset.offset(1e-9));
        assertThat(use.describe()).contains("1 kept late (later slots shifted 4.0 ms in all)");
    }

    @Test
    void aLateWriteIsCountedWithItsShiftWhichIsNotIdleTimeNorAHeldSlot() {
        // slot 1's request was written 20 ms after it: every later slot moved 15 ms
        SlotUse use = SlotUse.of(List.of(sent(0, 0), sent(SPACING, 200), SendLog.Entry.writtenLate(SPACING + 20_000, SPACING, 15_000),
                sent(2 * SPACING + 15_000, 300)), SPACING);
        assertThat(use.sends()).isEqualTo(3);
        assertThat(use.writtenLate()).isEqualTo(1);
        assertThat(use.writeShiftMillis()).isCloseTo(15.0, Offset.offset(1e-9));
        assertThat(use.givenUpHeld()).isZero();
        assertThat(use.givenUpLate()).isZero();
        assertThat(use.idleMillis()).isZero();
        assertThat(use.describe()).contains("1 written late (later slots shifted 15.0 ms in all)");
    }

    @Test
    void aGapBetweenReservedSlotsIsTimeTheScheduleStoodIdle() {
        // nobody reserved for 300 ms after the first slot's spacing; 0.4 ms beyond is a gap too small to count
        SlotUse use = SlotUse.of(List.of(sent(0, 0), sent(SPACING + 300_000, 0), sent(2 * SPACING + 300_400, 0),
                SendLog.Entry.givenUp(5_000_000, 4_000_000, SharedPacer.Miss.HELD)), SPACING);
        assertThat(use.idleMillis()).isCloseTo(300.0 + 0.4 + (4_000_000 - (2 * SPACING + 300_400) - SPACING) / 1e3,
                Offset.offset(1e-9));
        assertThat(use.idleGaps()).isEqualTo(2);
        assertThat(use.givenUpHeld()).isEqualTo(1);
    }

    @Test
    void sendToArrivalDelaysPairEachArrivalWithItsSend() {
        List<Long> arrivals = List.of(2_000L, 500_000L, 1_003_000L);
        List<Long> sends = List.of(0L, 1_000_000L);
        long[] paired = TwinRateBench.pairSends(arrivals, sends, 250_000);
        assertThat(paired).containsExactly(0L, TwinRateBench.UNMATCHED, 1_000_000L);
        TwinRateBench.Delay delay = TwinRateBench.Delay.of(List.of(2_000L, 3_000L));
        assertThat(delay.matched()).isEqualTo(2);
        assertThat(delay.minMillis()).isEqualTo(2.0);
        assertThat(delay.maxMillis()).isEqualTo(3.0);
    }
}
