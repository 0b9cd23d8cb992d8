package io.tdnet.wiring.pacing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * The senders' side of the politeness benchmark (the fake TDnet records the server's side): appends what
 * the pacer did to a file that any number of processes share — one line per event, written with one
 * {@code O_APPEND} write so lines of different processes never interleave. Times are µs since the epoch
 * on the schedule's time line; the sender is {@code pid/thread}.
 *
 * <pre>
 *   R &lt;answered&gt; &lt;slot&gt; &lt;asked&gt; &lt;sender&gt;  a slot reserved: the reservation was asked for and answered then
 *   S &lt;sent&gt; &lt;slot&gt; &lt;sender&gt;            a permit: the request goes on the wire now
 *   S &lt;sent&gt; &lt;slot&gt; &lt;sender&gt; &lt;shift&gt; &lt;why&gt;  a permit handed out late: the sender kept its slot by moving
 *                                        every later one shift µs; why is the {@link SharedPacer.Miss} it avoided
 *   W &lt;written&gt; &lt;slot&gt; &lt;sender&gt; &lt;shift&gt;  the request of a permit was written late: every later slot
 *                                        moved shift µs
 *   G &lt;now&gt; &lt;slot&gt; late|held &lt;sender&gt; &lt;why&gt;  a reserved slot given up (missed by more than the tolerance, or in a
 *                                        quiet span); why is a {@link SharedPacer.Miss}
 * </pre>
 *
 * Used by {@code collect --send-log}, the bench's paced child processes and, in the AWS twin only, the
 * Lambdas ({@code TDNET_SEND_LOG}, which the stack never sets).
 */
public final class SendLog implements SharedPacer.Observer {
    private final Path file;
    private FileChannel channel;

    public SendLog(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public void sending(long slotMicros, long nowMicros) {
        append("S " + nowMicros + " " + slotMicros + " " + thread() + "\n");
    }

    @Override
    public void sendingLate(long slotMicros, long nowMicros, long shiftMicros, SharedPacer.Miss why) {
        append("S " + nowMicros + " " + slotMicros + " " + thread() + " " + shiftMicros + " " + why + "\n");
    }

    @Override
    public void writtenLate(long slotMicros, long writtenMicros, long shiftMicros) {
        append("W " + writtenMicros + " " + slotMicros + " " + thread() + " " + shiftMicros + "\n");
    }

    @Override
    public void reserved(long slotMicros, long askedMicros, long answeredMicros) {
        append("R " + answeredMicros + " " + slotMicros + " " + askedMicros + " " + thread() + "\n");
    }

    @Override
    public void slotGivenUp(long slotMicros, long nowMicros, SharedPacer.Miss why) {
        append("G " + nowMicros + " " + slotMicros + (why.late() ? " late " : " held ") + thread() + " " + why + "\n");
    }

    /** Which sender: process id and thread id, so a worker's cycle (send to its next reservation) can be read off. */
    private static String thread() {
        return ProcessHandle.current().pid() + "/" + Thread.currentThread().getId();
    }

    // one channel kept open for the process: a send's line is written between its instant and the request's
    // write, and an open + close per line cost milliseconds on a busy machine where one write costs µs
    private synchronized FileChannel channel() throws IOException {
        if (channel == null) channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return channel;
    }

    private void append(String line) {
        try {
            channel().write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the send log " + file, e);
        }
    }

    /**
     * One line of a send log that is not a reservation: a send ({@code missed} null, or what a send kept late
     * avoided), a late write ({@code sent} false, {@code missed} null) or a slot given up.
     *
     * @param shiftMicros how far a send kept late or a late write moved every later slot; 0 otherwise
     */
    public record Entry(boolean sent, long atMicros, long slotMicros, SharedPacer.Miss missed, long shiftMicros) {
        public static Entry sent(long atMicros, long slotMicros) {
            return new Entry(true, atMicros, slotMicros, null, 0);
        }

        public static Entry keptLate(long atMicros, long slotMicros, long shiftMicros, SharedPacer.Miss why) {
            return new Entry(true, atMicros, slotMicros, why, shiftMicros);
        }

        public static Entry givenUp(long atMicros, long slotMicros, SharedPacer.Miss why) {
            return new Entry(false, atMicros, slotMicros, why, 0);
        }

        public static Entry writtenLate(long atMicros, long slotMicros, long shiftMicros) {
            return new Entry(false, atMicros, slotMicros, null, shiftMicros);
        }

        /** A permit's request written to the wire late: the sender moved every later slot {@link #shiftMicros}. */
        public boolean writtenLate() {
            return !sent && missed == null;
        }

        /** A send kept late: the sender shifted every later slot instead of giving its own up. */
        public boolean kept() {
            return sent && missed != null;
        }

        /** A slot given up because it was missed in time (not held). */
        public boolean late() {
            return !sent && missed != null && missed.late();
        }

        /** How far after its slot the event happened, µs. */
        public long afterSlotMicros() {
            return atMicros - slotMicros;
        }
    }

    /** Every send, late write and given-up slot of {@code file} (none when it does not exist), in file order. */
    public static List<Entry> read(Path file) throws IOException {
        if (!Files.exists(file)) return List.of();
        return Files.readAllLines(file, StandardCharsets.US_ASCII).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("R ")).map(SendLog::parse).toList();
    }

    /** The reservations' round trips of {@code file} (asked to answered, µs; none when it does not exist), in file order. */
    public static List<Long> reservationRoundTrips(Path file) throws IOException {
        if (!Files.exists(file)) return List.of();
        return Files.readAllLines(file, StandardCharsets.US_ASCII).stream().map(String::strip).filter(l -> l.startsWith("R "))
                .map(l -> l.split(" ")).map(f -> Long.parseLong(f[1]) - Long.parseLong(f[3])).toList();
    }

    static Entry parse(String line) {
        String[] f = line.split(" ");
        return switch (f[0]) {
            case "S" -> f.length > 5 ? Entry.keptLate(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[4]),
                    SharedPacer.Miss.valueOf(f[5])) : Entry.sent(Long.parseLong(f[1]), Long.parseLong(f[2]));
            // a line without the reason (an older log) was a late wake-up or a hold
            case "G" -> Entry.givenUp(Long.parseLong(f[1]), Long.parseLong(f[2]), f.length > 5 ? SharedPacer.Miss.valueOf(f[5])
                    : "late".equals(f[3]) ? SharedPacer.Miss.WOKE_LATE : SharedPacer.Miss.HELD);
            case "W" -> Entry.writtenLate(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[4]));
            default -> throw new IllegalArgumentException("not a send log line: " + line);
        };
    }
}
