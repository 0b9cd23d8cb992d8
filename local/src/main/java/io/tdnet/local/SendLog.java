package io.tdnet.local;

import io.tdnet.wiring.pacing.SharedPacer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each send instant the pacer allows to a file, one line of microseconds since the epoch: the
 * senders' side of the politeness benchmark (the fake TDnet records the server's side). Appending with
 * one write per line lets several processes share a file.
 */
final class SendLog implements SharedPacer.Observer {
    private final Path file;

    SendLog(Path file) {
        this.file = file;
    }

    @Override
    public void sending(long slotMicros, long nowMicros) {
        try {
            Files.writeString(file, nowMicros + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the send log " + file, e);
        }
    }
}
