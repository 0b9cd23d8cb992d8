package io.tdnet.cli;

import io.tdnet.cli.view.DisclosureExport;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tdnet.model.DisclosureId;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.PageFault;
import io.tdnet.faketdnet.RecordedRequest;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tdnet collect / status / export} end to end: the CLI in-process, its own embedded stack under a
 * temp data dir, against the fake TDnet over loopback.
 */
class CollectIT {
    static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    private final ObjectMapper json = new ObjectMapper();
    private FakeTdnet tdnet;
    @TempDir Path dataDir;

    @BeforeEach
    void start() {
        tdnet = FakeTdnet.start();
    }

    @AfterEach
    void stop() {
        tdnet.close();
    }

    private Cli collect(LocalDate date, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("collect", "--date", date.toString(),
                "--tdnet-url", tdnet.baseUrl(), "--rate", "500"));
        args.addAll(List.of(extra));
        return Cli.run(dataDir, args.toArray(String[]::new));
    }

    private JsonNode status(LocalDate date) throws Exception {
        Cli status = Cli.run(dataDir, "status", "--date", date.toString(), "--json");
        assertThat(status.exit()).as(status.toString()).isZero();
        return json.readTree(status.out());
    }

    private List<JsonNode> export(LocalDate date) throws Exception {
        Path file = dataDir.resolve("export-" + System.nanoTime() + ".jsonl");
        Cli export = Cli.run(dataDir, "export", "--date", date.toString(), "--format", "jsonl", "--output", file.toString());
        assertThat(export.exit()).as(export.toString()).isZero();
        List<JsonNode> rows = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file)) rows.add(json.readTree(line));
        return rows;
    }

    @Test
    void storesEveryDisclosureOfAThreePageDayOnceWithByteIdenticalPdfs() throws Exception {
        FakeDay day = tdnet.addDay(DAY, 250, 7);
        assertThat(day.pageCount()).isEqualTo(3);

        Cli run = collect(DAY);
        assertThat(run.exit()).as(run.toString()).isZero();

        JsonNode status = status(DAY);
        assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("listed").asLong()).isEqualTo(day.ids().size() + day.rejectedCount());
        assertThat(status.get("stored").asLong()).isEqualTo(status.get("listed").asLong());
        assertThat(status.get("banner_total").asLong()).isEqualTo(day.bannerTotal());
        assertThat(status.get("withdrawn").asLong()).isEqualTo(day.withdrawnCount());
        for (String field : List.of("execution_id", "target_date", "reason", "already_present", "failed", "started_at",
                "updated_at", "finished_at", "failures")) {
            assertThat(status.has(field)).as(field).isTrue();
        }

        List<JsonNode> rows = export(DAY);
        Set<String> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.get("disclosure_id").asText()));
        assertThat(rows).hasSize(day.ids().size());
        assertThat(ids).containsExactlyInAnyOrderElementsOf(day.ids().stream().map(DisclosureId::value).toList());
        for (JsonNode row : rows) {
            for (String field : DisclosureExport.COLUMNS) assertThat(row.has(field)).as(field).isTrue();
            DisclosureId id = new DisclosureId(row.get("disclosure_id").asText());
            Path pdf = dataDir.resolve("s3/tdnet-archive").resolve(row.get("pdf_s3_key").asText());
            assertThat(Files.readAllBytes(pdf)).isEqualTo(tdnet.pdfBytes(id));
            assertThat(row.get("pdf_sha256").asText()).isEqualTo(tdnet.pdfSha256(id));
            assertThat(row.get("disclosed_at").asText()).endsWith("+09:00");
            assertThat(row.get("company_name").asText()).isEqualTo(row.get("company_name").asText().strip());
        }
    }

    @Test
    void rerunFetchesNothingStoredAndAddingSevenStoresExactlyThoseSeven() throws Exception {
        FakeDay day = tdnet.addDay(DAY, 120, 11);
        assertThat(collect(DAY).exit()).isZero();
        tdnet.clearRequests();

        Cli again = collect(DAY);
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(tdnet.requests()).extracting(RecordedRequest::path).noneMatch(p -> p.endsWith(".pdf"));
        JsonNode second = status(DAY);
        assertThat(second.get("already_present").asLong()).isEqualTo(day.ids().size());
        assertThat(second.get("stored").asLong()).isZero();

        day.addDisclosures(7);
        tdnet.clearRequests();
        Cli third = collect(DAY);
        assertThat(third.exit()).as(third.toString()).isZero();
        JsonNode status = status(DAY);
        assertThat(status.get("stored").asLong()).isEqualTo(7);
        assertThat(tdnet.requests()).extracting(RecordedRequest::path).filteredOn(p -> p.endsWith(".pdf")).hasSize(7);
        assertThat(export(DAY)).hasSize(day.ids().size());
    }

    @Test
    void aDisclosureTdnetWithdrawsLaterIsMarkedWithdrawnInTheArchive() throws Exception {
        FakeDay day = tdnet.addDay(DAY, 40, 13);
        assertThat(collect(DAY).exit()).isZero();
        DisclosureId gone = day.ids().get(5);
        day.withdraw(gone);

        Cli again = collect(DAY);
        assertThat(again.exit()).as(again.toString()).isZero();
        JsonNode status = status(DAY);
        assertThat(status.get("withdrawn").asLong()).isEqualTo(day.withdrawnCount());
        assertThat(status.get("listed").asLong() + status.get("withdrawn").asLong()).isEqualTo(day.bannerTotal());
        List<JsonNode> rows = export(DAY);
        assertThat(rows).hasSize(day.ids().size() + 1); // the archive keeps what TDnet took down
        assertThat(rows).filteredOn(r -> r.get("disclosure_id").asText().equals(gone.value()))
                .singleElement().satisfies(r -> assertThat(r.get("withdrawn_at").isNull()).isFalse());
        assertThat(rows).filteredOn(r -> !r.get("withdrawn_at").isNull()).hasSize(1);
    }

    @Test
    void emptyDayIsCompletedWithNothingListed() throws Exception {
        tdnet.addEmptyDay(DAY);
        Cli run = collect(DAY);
        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode status = status(DAY);
        assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("listed").asLong()).isZero();
    }

    @Test
    void aDateOutsideTheWindowIsExitFourNamingTheDate() throws Exception {
        LocalDate old = LocalDate.of(2025, 1, 6);
        Cli run = collect(old);
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.out()).contains("2025-01-06");
        assertThat(status(old).get("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void aMaintenancePageOnPageThreeFailsTheExecutionAndEnqueuesNothing() throws Exception {
        tdnet.addDay(DAY, 250, 3);
        tdnet.pageFault(DAY, 3, PageFault.maintenance());
        Cli run = collect(DAY);
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        JsonNode status = status(DAY);
        assertThat(status.get("status").asText()).isEqualTo("FAILED");
        assertThat(status.get("reason").asText()).isNotBlank();
        assertThat(tdnet.requests()).extracting(RecordedRequest::path).noneMatch(p -> p.endsWith(".pdf"));
    }

    @Test
    void hostileHrefsAreRejectedNeverFetchedAndCountedAsFailures() throws Exception {
        try (FakeTdnet other = FakeTdnet.start(InetAddress.getByName("127.0.0.2"))) {
            FakeDay day = tdnet.addDay(DAY, 30, 5);
            List<String> hostile = List.of(other.baseUrl() + "140120260213999999.pdf",
                    tdnet.baseUrl() + "140120260213999998.pdf", "../140120260213999997.pdf",
                    "javascript:alert(1)", "12345.pdf");
            hostile.forEach(day::addRejectedRow);

            Cli run = collect(DAY);
            assertThat(run.exit()).as(run.toString()).isEqualTo(3);
            assertThat(other.requests()).isEmpty();
            assertThat(tdnet.requests()).extracting(RecordedRequest::path)
                    .allMatch(p -> p.startsWith("/inbs/I_list_") || p.matches("/inbs/\\d{18}\\.pdf"));
            JsonNode status = status(DAY);
            assertThat(status.get("failed").asLong()).isEqualTo(hostile.size());
            assertThat(status.get("status").asText()).isEqualTo("COMPLETED_WITH_FAILURES");
            List<String> hrefs = new java.util.ArrayList<>();
            status.get("failures").forEach(f -> hrefs.add(f.get("href").asText()));
            assertThat(hrefs).containsExactlyInAnyOrderElementsOf(hostile);
        }
    }

    @Test
    void aDataDirInUseIsRefusedWithAClearMessage() throws Exception {
        java.nio.file.Files.createDirectories(dataDir);
        try (var channel = java.nio.channels.FileChannel.open(dataDir.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var lock = channel.lock()) {
            Cli run = Cli.run(dataDir, "status");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains(dataDir.getFileName().toString()).contains("already open");
        }
        assertThat(Cli.run(dataDir, "status").exit()).isZero();
    }

    @Test
    void badInputIsExitTwoWithAClearMessage() {
        Cli impossible = Cli.run(dataDir, "collect", "--date", "2026-02-30");
        assertThat(impossible.exit()).isEqualTo(2);
        assertThat(impossible.err()).contains("2026-02-30");
        Cli badRate = Cli.run(dataDir, "collect", "--date", "2026-02-13", "--rate", "0");
        assertThat(badRate.exit()).isEqualTo(2);
        assertThat(badRate.err()).contains("--rate");
        Cli backwards = Cli.run(dataDir, "collect", "--from", "2026-02-13", "--to", "2026-02-01");
        assertThat(backwards.exit()).isEqualTo(2);
    }
}
