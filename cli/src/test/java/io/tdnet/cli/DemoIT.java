package io.tdnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.JsonCodec;
import io.tdnet.report.RunRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tdnet demo} is {@code collect} against the bundled fake: a small demo day leaves the same run
 * record (with samples) and report as a collected day, and {@code tdnet report} of it draws charts.
 */
class DemoIT {
    @TempDir Path dataDir;

    @Test
    void aDemoRunRecordsSamplesAndItsReportHasCharts() throws Exception {
        Cli demo = Cli.run(null, "demo", "--disclosures", "40", "--sample-interval", "50", "--data-dir", dataDir.toString());
        assertThat(demo.exit()).as(demo.toString()).isZero();
        assertThat(demo.out()).contains("tdnet collect: 2026-02-13 → 2026-02-13, unthrottled").contains(": report ");

        List<Path> runs;
        try (Stream<Path> files = Files.list(dataDir.resolve("runs"))) {
            runs = files.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertThat(runs).as("one run record").hasSize(1);
        RunRecord record = new JsonCodec().decode(Files.readString(runs.get(0)), RunRecord.class);
        assertThat(record.command()).isEqualTo("collect");
        assertThat(record.samples()).as("the demo's run was sampled").isNotEmpty();

        Path html = dataDir.resolve("demo-report.html");
        Cli report = Cli.run(dataDir, "report", "--date", "2026-02-13", "--output", html.toString());
        assertThat(report.exit()).as(report.toString()).isZero();
        Document doc = Jsoup.parse(Files.readString(html, StandardCharsets.UTF_8));
        assertThat(doc.select("#charts").text()).doesNotContain("No samples");
        assertThat(doc.select("#charts svg")).as("charts drawn from the samples").isNotEmpty();
    }

    @Test
    void aDirectoryTheDemoDidNotMakeIsRefused() throws Exception {
        Files.writeString(dataDir.resolve("keep.txt"), "mine");
        Cli demo = Cli.run(null, "demo", "--disclosures", "5", "--data-dir", dataDir.toString());
        assertThat(demo.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(demo.err()).contains("was not made by the demo");
        assertThat(dataDir.resolve("keep.txt")).exists();
    }
}
