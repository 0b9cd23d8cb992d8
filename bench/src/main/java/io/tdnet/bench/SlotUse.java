package io.tdnet.bench;

import io.tdnet.wiring.pacing.SendLog;
import io.tdnet.wiring.pacing.SharedPacer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a pacer's utilisation went, from the senders' logs ({@link SendLog}) of every process sharing one
 * schedule: every reserved slot is either sent (on time, or kept late by shifting every later slot; either
 * may still have been written to the wire late, which shifts the later slots too), given up late (the sender woke more than the tolerance after it), or given up in a quiet span. Consecutive
 * reserved slots are exactly one spacing apart while the schedule has a backlog, plus the shifts; a larger
 * gap is time the schedule stood idle — nobody asked for a slot (too little demand), not a slot lost. So a
 * run's span ≈ (sends + given up − 1) × spacing + shifts (kept and written late) + idle.
 *
 * @param sends      permits handed out
 * @param givenUpLate slots given up because a step of the sender's cycle ended too late
 * @param givenUpHeld slots given up inside a quiet span (Retry-After)
 * @param lateBy      the late ones by the step that ended too late
 * @param kept        sends kept late: the sender shifted every later slot instead of giving its own up
 * @param shiftMillis what those shifts added up to
 * @param writtenLate permits whose request was written to the wire more than the tolerance after the slot
 *     (a thread delayed between the permit and the write): the sender shifted every later slot by the excess
 * @param writeShiftMillis what those shifts added up to
 * @param idleMillis  the sum over consecutive reserved slots of (gap − spacing), less the shifts: the
 *     schedule had no backlog
 * @param idleGaps    how many gaps exceeded the spacing by more than 1 ms
 * @param lateP99Millis 99th percentile of (send − slot) over the permits on time (not kept late)
 * @param lateMaxMillis largest (send − slot) of a permit on time
 * @param spanMillis  first to last send
 */
public record SlotUse(int sends, int givenUpLate, int givenUpHeld, java.util.Map<SharedPacer.Miss, Integer> lateBy,
                      int kept, double shiftMillis, int writtenLate, double writeShiftMillis, double idleMillis, int idleGaps, double lateP99Millis, double lateMaxMillis, double spanMillis) {

    /** From the merged entries of every sender of one schedule whose slots are {@code spacingMicros} apart. */
    public static SlotUse of(List<SendLog.Entry> entries, long spacingMicros) {
        List<SendLog.Entry> sent = entries.stream().filter(SendLog.Entry::sent).toList();
        int late = (int) entries.stream().filter(e -> !e.sent() && e.late()).count();
        int held = (int) entries.stream().filter(e -> e.missed() == SharedPacer.Miss.HELD).count();
        java.util.Map<SharedPacer.Miss, Integer> lateBy = new java.util.EnumMap<>(SharedPacer.Miss.class);
        entries.stream().filter(SendLog.Entry::late).forEach(e -> lateBy.merge(e.missed(), 1, Integer::sum));
        List<Long> slots = new ArrayList<>(entries.stream().map(SendLog.Entry::slotMicros).distinct().sorted().toList());
        long idle = 0;
        int gaps = 0;
        for (int i = 1; i < slots.size(); i++) {
            long beyond = slots.get(i) - slots.get(i - 1) - spacingMicros;
            if (beyond > 0) idle += beyond;
            if (beyond > 1_000) gaps++;
        }
        List<SendLog.Entry> kept = sent.stream().filter(SendLog.Entry::kept).toList();
        long shifts = kept.stream().mapToLong(SendLog.Entry::shiftMicros).sum();
        List<SendLog.Entry> writtenLate = entries.stream().filter(SendLog.Entry::writtenLate).toList();
        long writeShifts = writtenLate.stream().mapToLong(SendLog.Entry::shiftMicros).sum();
        idle = Math.max(0, idle - shifts - writeShifts);
        List<Long> lateness = sent.stream().filter(e -> !e.kept()).map(SendLog.Entry::afterSlotMicros).sorted().toList();
        double p99 = lateness.isEmpty() ? 0 : lateness.get((int) Math.min(lateness.size() - 1, Math.ceil(0.99 * lateness.size()) - 1)) / 1e3;
        double max = lateness.isEmpty() ? 0 : lateness.get(lateness.size() - 1) / 1e3;
        List<Long> at = sent.stream().map(SendLog.Entry::atMicros).sorted(Comparator.naturalOrder()).toList();
        double span = at.size() < 2 ? 0 : (at.get(at.size() - 1) - at.get(0)) / 1e3;
        return new SlotUse(sent.size(), late, held, java.util.Collections.unmodifiableMap(lateBy), kept.size(), shifts / 1e3, writtenLate.size(), writeShifts / 1e3,
                idle / 1e3, gaps, p99, max, span);
    }

    /** One line for the bench table. */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "slots given up: %d late%s, %d in a quiet span; %d kept late (later slots shifted %.1f ms in all);"
                        + " %d written late (later slots shifted %.1f ms in all);"
                        + " schedule idle %.0f ms in %d gaps of %.0f ms span; send − slot p99 %.2f ms, max %.2f ms",
                givenUpLate, lateBy.isEmpty() ? "" : " " + lateBy.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                        .collect(java.util.stream.Collectors.joining(", ", "(", ")")), givenUpHeld, kept, shiftMillis, writtenLate, writeShiftMillis, idleMillis, idleGaps,
                spanMillis, lateP99Millis, lateMaxMillis);
    }
}
