package io.tdnet.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One process per data dir, said clearly both ways: a second process is told which command holds the
 * directory (collect holding it when serve starts, serve holding it when collect starts), with its pid.
 */
class DataDirLockTest {
    @TempDir Path dataDir;

    /** Holds a data dir's lock in its own JVM until its standard input closes. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (DataDirLock lock = DataDirLock.acquire(Path.of(args[0]), args[1])) {
                System.out.println("held");
                System.out.flush();
                System.in.read();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tdnet collect", "tdnet serve"})
    void aSecondProcessIsToldWhichCommandHoldsTheDirectory(String holder) throws Exception {
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Holder.class.getName(), dataDir.toString(), holder)
                .redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("held");
            String other = holder.endsWith("serve") ? "tdnet collect" : "tdnet serve";
            assertThatThrownBy(() -> DataDirLock.acquire(dataDir, other))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by " + holder + " (pid " + child.pid() + ")")
                    .hasMessageContaining("use another --data-dir");
        } finally {
            child.getOutputStream().close();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // released with its process: the directory is free again, and names its new holder
        try (DataDirLock lock = DataDirLock.acquire(dataDir, "tdnet serve")) {
            assertThat(java.nio.file.Files.readString(dataDir.resolve(DataDirLock.FILE))).startsWith("tdnet serve (pid ");
        }
    }

    @Test
    void theSameProcessOpeningTheDirectoryTwiceIsRefused() {
        try (DataDirLock lock = DataDirLock.acquire(dataDir, "tdnet serve")) {
            assertThatThrownBy(() -> DataDirLock.acquire(dataDir, "tdnet collect"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open in this process");
        }
    }
}
