package io.tdnet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.telemetry.MetricsSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordsTest {
    @TempDir Path dataDir;

    @Test
    void writesAndReadsARecordUnderRuns() throws Exception {
        RunSample sample = new RunSample(1000, Instant.parse("2026-02-13T06:00:01Z"), new QueueDepth(5, 2), new QueueDepth(1, 0),
                QueueDepth.EMPTY, new QueueDepth(0, 1), 10, 3, 1, 1, 12345, 2, 700);
        MetricsSnapshot metrics = new MetricsSnapshot(1, 10, 9, 12345, 3, 3, 1, 1, Map.of("http_404", 1L), 2,
                Map.of("http_5xx", 2L), 4, 700, 300);
        RunRecord record = new RunRecord("2026-02-13.20260213T060000Z.abc123", LocalDate.of(2026, 2, 13), "collect", 1000,
                Instant.parse("2026-02-13T06:00:00Z"), Instant.parse("2026-02-13T06:00:02Z"), List.of(sample, sample), metrics);
        RunRecords records = new RunRecords(dataDir);
        Path written = records.write(record);
        assertThat(written).isEqualTo(dataDir.resolve("runs/2026-02-13.20260213T060000Z.abc123.json"));
        assertThat(Files.readString(written)).contains("\"elapsed_millis\":1000");
        assertThat(records.read(record.executionId())).contains(record);
        assertThat(records.read("2026-02-14.none")).isEmpty();
        try (var files = Files.list(dataDir.resolve("runs"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void refusesIdsThatWouldLeaveTheDirectory() {
        RunRecords records = new RunRecords(dataDir);
        assertThatThrownBy(() -> records.pathOf("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> records.pathOf("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> records.pathOf("..")).isInstanceOf(IllegalArgumentException.class);
    }
}
