package io.tdnet.local;

import io.tdnet.model.text.DisplayText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process per data directory: the emulators' files are not made for two writers. The holder writes
 * what it is ({@code tdnet collect (pid 4242)}) into the lock file, so a second process — {@code serve}
 * on a directory {@code collect} holds, or the reverse — is refused with a message naming the holder.
 */
public final class DataDirLock implements AutoCloseable {
    static final String FILE = ".lock";
    private final FileChannel channel;

    private DataDirLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Takes the directory's lock for {@code holder} (e.g. {@code tdnet serve}), or throws an
     * {@link IllegalStateException} saying who holds it.
     */
    public static DataDirLock acquire(Path dataDir, String holder) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                channel.close();
                throw new IllegalStateException("data dir " + dataDir + " is already open in this process", e);
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("data dir " + dataDir.toAbsolutePath().normalize() + " is in use by "
                        + holderOf(file) + "; one tdnet process at a time may use a data dir: stop that one"
                        + " (serve stops with Ctrl-C) or wait for it, or use another --data-dir");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + " (pid " + ProcessHandle.current().pid() + ")\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new DataDirLock(channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use data dir " + dataDir, e);
        }
    }

    /** What the holder wrote, as plain text; older holders wrote nothing. */
    private static String holderOf(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "another tdnet process" : DisplayText.of(text);
        } catch (IOException | RuntimeException e) {
            return "another tdnet process";
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
