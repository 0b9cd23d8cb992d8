package io.tdnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tdnet.model.DisclosureId;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeTdnet;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resume promise (docs/ARCHITECTURE.md, local mode): {@code collect} killed with SIGKILL part-way, then run again, continues
 * the same execution and ends with every disclosure stored exactly once with the right sha256.
 */
class ResumeAfterKillIT {
    private static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    @TempDir Path dataDir;

    @Test
    void aCollectKilledAtFortyPercentIsFinishedByRunningItAgain() throws Exception {
        try (FakeTdnet tdnet = FakeTdnet.start()) {
            FakeDay day = tdnet.addDay(DAY, 400, 40);
            int total = day.ids().size();

            Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    TdnetCli.class.getName(), "collect", "--date", DAY.toString(), "--tdnet-url", tdnet.baseUrl(),
                    "--rate", "40", "--data-dir", dataDir.toString())
                    .redirectErrorStream(true).redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-run1.log").toFile())
                    .start();
            Path pdfs = dataDir.resolve("s3/tdnet-archive/pdf");
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                        .until(() -> storedFiles(pdfs) >= total * 4 / 10 || !child.isAlive());
                assertThat(child.isAlive()).as("the first run must still be working when it is killed").isTrue();
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, queues and tables as they were
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long atKill = storedFiles(pdfs);
            assertThat(atKill).isBetween((long) total * 4 / 10, (long) total - 1);

            Cli again = Cli.run(dataDir, "collect", "--date", DAY.toString(), "--tdnet-url", tdnet.baseUrl(), "--rate", "40");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(again.out()).contains("continuing unsettled execution");

            JsonNode status = new ObjectMapper().readTree(Cli.run(dataDir, "status", "--date", DAY.toString(), "--json").out());
            assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(status.get("listed").asLong()).isEqualTo(total)
                    .isEqualTo(status.get("stored").asLong() + status.get("already_present").asLong() + status.get("failed").asLong());
            assertThat(again.out()).contains(status.get("execution_id").asText());

            Path export = dataDir.resolve("export.jsonl");
            assertThat(Cli.run(dataDir, "export", "--date", DAY.toString(), "--output", export.toString()).exit()).isZero();
            List<String> lines = Files.readAllLines(export);
            Set<String> ids = new HashSet<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : lines) {
                JsonNode row = json.readTree(line);
                String id = row.get("disclosure_id").asText();
                assertThat(ids.add(id)).as("exported once: " + id).isTrue();
                assertThat(row.get("pdf_sha256").asText()).isEqualTo(tdnet.pdfSha256(new DisclosureId(id)));
            }
            assertThat(ids).containsExactlyInAnyOrderElementsOf(day.ids().stream().map(DisclosureId::value).toList());
            assertThat(storedFiles(pdfs)).isEqualTo(total);
            // what S3Proxy lists under pdf/: only complete <id>.pdf objects, no upload the kill cut short
            try (var files = Files.walk(pdfs)) {
                assertThat(files.filter(Files::isRegularFile).map(p -> pdfs.relativize(p).toString()))
                        .hasSize(total).allMatch(key -> key.matches("\\d{4}/\\d{2}/\\d{2}/\\d{18}\\.pdf"));
            }
        }
    }

    /** PDFs under pdf/2026/02/13 (S3Proxy writes a temp file {@code <key>-<uuid>} and renames it, so a .pdf is complete). */
    private static long storedFiles(Path root) throws Exception {
        Path day = root.resolve("2026/02/13");
        if (!Files.isDirectory(day)) return 0;
        long count = 0;
        try (var entries = Files.newDirectoryStream(day, "*.pdf")) {
            for (Path ignored : entries) count++;
        }
        return count;
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
