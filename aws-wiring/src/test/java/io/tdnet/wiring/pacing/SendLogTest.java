package io.tdnet.wiring.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendLogTest {
    @TempDir Path dir;

    @Test
    void sendsAndGivenUpSlotsAreReadBackAndReservationsAreSkipped() throws Exception {
        Path file = dir.resolve("sends.txt");
        SendLog a = new SendLog(file);
        SendLog b = new SendLog(file); // a second process appending to the same file
        a.reserved(1_000, 400, 600);
        a.sending(1_000, 1_002);
        b.slotGivenUp(2_000, 9_000, SharedPacer.Miss.CHECKED_LATE);
        b.slotGivenUp(3_000, 2_500, SharedPacer.Miss.HELD);
        a.sendingLate(4_000, 4_012, 9_500, SharedPacer.Miss.WOKE_LATE);
        assertThat(SendLog.read(file)).containsExactly(SendLog.Entry.sent(1_002, 1_000),
                SendLog.Entry.givenUp(9_000, 2_000, SharedPacer.Miss.CHECKED_LATE), SendLog.Entry.givenUp(2_500, 3_000, SharedPacer.Miss.HELD),
                SendLog.Entry.keptLate(4_012, 4_000, 9_500, SharedPacer.Miss.WOKE_LATE));
        assertThat(SendLog.read(file).get(1).late()).isTrue();
        assertThat(SendLog.read(file).get(2).late()).isFalse();
        assertThat(SendLog.read(file).get(3)).satisfies(kept -> {
            assertThat(kept.sent()).isTrue();
            assertThat(kept.kept()).isTrue();
            assertThat(kept.late()).as("a send, not a slot given up").isFalse();
        });
        assertThat(SendLog.read(file).get(0).kept()).isFalse();
        assertThat(SendLog.read(file).get(0).afterSlotMicros()).isEqualTo(2);
        assertThat(Files.readAllLines(file).get(0)).startsWith("R 600 1000 400 " + ProcessHandle.current().pid() + "/");
    }

    @Test
    void aLateWriteIsReadBackAsNeitherASendNorAGivenUpSlot() throws Exception {
        Path file = dir.resolve("sends.txt");
        SendLog log = new SendLog(file);
        log.sending(1_000, 1_002);
        log.writtenLate(1_000, 31_000, 20_000);
        assertThat(SendLog.read(file)).containsExactly(SendLog.Entry.sent(1_002, 1_000), SendLog.Entry.writtenLate(31_000, 1_000, 20_000));
        assertThat(SendLog.read(file).get(1)).satisfies(w -> {
            assertThat(w.writtenLate()).isTrue();
            assertThat(w.sent()).isFalse();
            assertThat(w.late()).as("not a slot given up").isFalse();
        });
        assertThat(SendLog.read(file).get(0).writtenLate()).isFalse();
    }

    @Test
    void reservationsAreReadBackAsRoundTrips() throws Exception {
        Path file = dir.resolve("sends.txt");
        SendLog log = new SendLog(file);
        log.reserved(1_000, 400, 600);
        log.sending(1_000, 1_002);
        log.reserved(2_000, 700, 1_450);
        assertThat(SendLog.reservationRoundTrips(file)).containsExactly(200L, 750L);
        assertThat(SendLog.reservationRoundTrips(dir.resolve("none.txt"))).isEmpty();
    }

    @Test
    void aMissingLogIsEmptyAndAForeignLineIsRefused() throws Exception {
        assertThat(SendLog.read(dir.resolve("none.txt"))).isEmpty();
        assertThatThrownBy(() -> SendLog.parse("1234")).isInstanceOf(IllegalArgumentException.class);
        // a line written before the reason was logged
        assertThat(SendLog.parse("G 9000 2000 late 1/2").missed()).isEqualTo(SharedPacer.Miss.WOKE_LATE);
    }
}
