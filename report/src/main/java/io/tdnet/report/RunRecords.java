package io.tdnet.report;

import io.tdnet.model.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Run records as JSON files, {@code <data-dir>/runs/<execution_id>.json}. Written through a temporary
 * file and a move, so a reader (or a crash) never sees half a record.
 */
public final class RunRecords {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private final Path directory;
    private final JsonCodec codec = new JsonCodec();

    public RunRecords(Path dataDir) {
        this.directory = dataDir.resolve("runs");
    }

    public Path pathOf(String executionId) {
        if (!SAFE_ID.matcher(executionId).matches() || executionId.startsWith(".")) {
            throw new IllegalArgumentException("not an execution id: " + executionId);
        }
        return directory.resolve(executionId + ".json");
    }

    public Path write(RunRecord record) {
        Path target = pathOf(record.executionId());
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, ".run-", ".tmp");
            Files.writeString(temp, codec.encode(record), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        }
    }

    public Optional<RunRecord> read(String executionId) {
        Path path = pathOf(executionId);
        if (!Files.exists(path)) return Optional.empty();
        try {
            return Optional.of(codec.decode(Files.readString(path, StandardCharsets.UTF_8), RunRecord.class));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }
}
