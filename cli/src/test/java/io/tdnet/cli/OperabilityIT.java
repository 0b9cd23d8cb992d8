package io.tdnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.JsonCodec;
import io.tdnet.report.RunRecord;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's acceptance, end to end through the CLI in-process (its own embedded stack under a temp
 * data dir) against the fake TDnet: JSON logs of a collect, and the run report of a day with failures.
 */
class OperabilityIT {
    static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    private static final Pattern DISCLOSURE = Pattern.compile("(?<!\\d)(\\d{18})(?!\\d)");
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

    private Cli collect(String... extra) {
        List<String> args = new ArrayList<>(List.of("collect", "--date", DAY.toString(), "--tdnet-url", tdnet.baseUrl()));
        if (!List.of(extra).contains("--rate")) args.addAll(List.of("--rate", "200"));
        args.addAll(List.of(extra));
        return Cli.run(dataDir, args.toArray(String[]::new));
    }

    /** Runs the CLI with stderr (where the log lines go) captured. */
    private record Captured(Cli cli, String log) {}

    private Captured collectCapturingLogs(String... extra) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            Cli run = collect(extra);
            return new Captured(run, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void jsonLogsOfACollectCarryTheExecutionOnEveryLineAndTheDisclosureOnEveryDocumentLine() throws Exception {
        FakeDay day = tdnet.addDay(DAY, 40, 21);
        List<DisclosureId> ids = day.ids();
        tdnet.fault(ids.get(1), Fault.status(404));
        tdnet.fault(ids.get(2), Fault.status(503, 1)); // retried in process: a per-document INFO line
        tdnet.fault(ids.get(3), Fault.html200());

        Captured run = collectCapturingLogs("--log-format", "json", "--log-level", "debug");
        assertThat(run.cli().exit()).as(run.cli().toString()).isEqualTo(3);

        String executionId = statusJson().get("execution_id").asText();
        List<String> lines = run.log().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("log lines").hasSizeGreaterThan(ids.size());
        Set<String> idsSeen = new HashSet<>();
        int documentLines = 0;
        for (String line : lines) {
            JsonNode node = json.readTree(line); // every line is one JSON object
            assertThat(node.isObject()).as(line).isTrue();
            for (String field : List.of("level", "time", "component", "message")) assertThat(node.has(field)).as(field + " in " + line).isTrue();
            assertThat(node.path("execution_id").asText()).as("execution_id in " + line).isEqualTo(executionId);
            Matcher m = DISCLOSURE.matcher(node.get("message").asText());
            boolean perDocument = m.find() || node.has("disclosure_id");
            if (perDocument) {
                documentLines++;
                assertThat(node.has("disclosure_id")).as("disclosure_id in " + line).isTrue();
                String id = node.get("disclosure_id").asText();
                assertThat(DisclosureId.isValid(id)).isTrue();
                idsSeen.add(id);
                m.reset();
                while (m.find()) assertThat(m.group(1)).as("the line names its own document: " + line).isEqualTo(id);
            }
        }
        // every document was at least recorded by the persister (DEBUG "recorded STORED", INFO "recorded FAILED")
        assertThat(documentLines).isGreaterThanOrEqualTo(ids.size());
        assertThat(idsSeen).containsAll(ids.stream().map(DisclosureId::value).toList());
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"level\":\"WARN\"").contains(ids.get(1).value()));

        // the next run without the flag is text again
        Captured text = collectCapturingLogs("--log-level", "info");
        assertThat(text.cli().exit()).isEqualTo(3);
        assertThat(text.log().lines().filter(l -> !l.isBlank())).isNotEmpty().noneMatch(l -> l.startsWith("{"));
    }

    @Test
    void theReportOfADayWithFailuresShowsCountersOnePointPerSampleAndEachFailureWithItsReason() throws Exception {
        FakeDay day = tdnet.addDay(DAY, 60, 33);
        List<DisclosureId> ids = day.ids();
        tdnet.fault(ids.get(5), Fault.status(404));
        tdnet.fault(ids.get(17), Fault.status(404));
        tdnet.fault(ids.get(29), Fault.status(404));
        tdnet.fault(ids.get(41), Fault.html200());

        Cli run = collect("--rate", "25", "--sample-interval", "250");
        assertThat(run.exit()).as(run.toString()).isEqualTo(3);

        JsonNode status = statusJson();
        String executionId = status.get("execution_id").asText();
        Path report = dataDir.resolve("reports").resolve(DAY + "-" + executionId + ".html").toAbsolutePath().normalize();
        assertThat(run.out()).contains("report " + report);
        assertThat(report).exists();

        RunRecord record = new JsonCodec().decode(Files.readString(dataDir.resolve("runs").resolve(executionId + ".json")), RunRecord.class);
        int samples = record.samples().size();
        assertThat(samples).as("a 60-document day at 25 requests/s, sampled every 250 ms").isGreaterThanOrEqualTo(4);
        assertThat(record.intervalMillis()).isEqualTo(250);
        assertThat(record.metrics().failed()).isEqualTo(4);
        assertThat(record.metrics().rateLimitWaits()).isGreaterThan(0);

        Document doc = Jsoup.parse(report.toFile(), "UTF-8");
        assertThat(doc.select("#counter-listed .value").text()).isEqualTo(String.valueOf(status.get("listed").asLong()));
        assertThat(doc.select("#counter-stored .value").text()).isEqualTo(String.valueOf(status.get("stored").asLong()));
        assertThat(doc.select("#counter-failed .value").text()).isEqualTo("4");
        assertThat(doc.select("#summary .status").first().text()).isEqualTo("COMPLETED_WITH_FAILURES");
        assertThat(doc.select("#summary .history li")).hasSize(3);
        var lines = doc.select("svg polyline.series");
        assertThat(lines).isNotEmpty();
        for (Element line : lines) {
            assertThat(line.attr("points").strip().split("\\s+")).as(line.attr("data-series")).hasSize(samples);
        }
        // the chart saw the work: the download queue was non-empty in some sample
        assertThat(record.samples()).anySatisfy(s -> assertThat(s.download().total()).isPositive());

        var failureRows = doc.select("#failures tr.failure");
        assertThat(failureRows).hasSize(4);
        for (JsonNode f : status.get("failures")) {
            String id = f.get("disclosure_id").asText();
            Element row = failureRows.stream().filter(r -> r.text().contains(id)).findFirst().orElseThrow();
            assertThat(row.select("td.reason").text()).isEqualTo(f.get("reason").asText());
            assertThat(row.select("code.cmd").text()).isEqualTo("tdnet dlq redrive --disclosure " + id + " --data-dir " + dataDir);
        }
        assertThat(doc.select("#failures td.reason")).extracting(Element::text)
                .filteredOn(t -> t.startsWith("http 404")).hasSize(3);
        assertThat(doc.select("#failures td.reason")).extracting(Element::text)
                .filteredOn(t -> t.startsWith("not a PDF")).hasSize(1);
        assertThat(doc.select("#redrive").text()).isEqualTo("tdnet dlq redrive --date " + DAY + " --data-dir " + dataDir);

        // `tdnet report` writes the same page on demand, where asked
        Path output = dataDir.resolve("out/again.html");
        Cli again = Cli.run(dataDir, "report", "--date", DAY.toString(), "--output", output.toString());
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out().strip()).isEqualTo(output.toAbsolutePath().normalize().toString());
        Document second = Jsoup.parse(output.toFile(), "UTF-8");
        assertThat(second.select("#failures tr.failure")).hasSize(4);
        assertThat(second.select("svg polyline.series").first().attr("points").strip().split("\\s+")).hasSize(samples);
        Files.copy(report, Path.of("target", "operability-report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Cli unknown = Cli.run(dataDir, "report", "--date", "2026-02-12");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("2026-02-12");
    }

    @Test
    void statusWithNoArgumentsListsTheRecentExecutionsWithDateStatusCountersAndDuration() {
        tdnet.addDay(DAY, 12, 5);
        assertThat(collect().exit()).isZero();
        Cli status = Cli.run(dataDir, "status");
        assertThat(status.exit()).isZero();
        List<String> lines = status.out().lines().toList();
        assertThat(lines.get(0)).contains("date", "status", "listed", "stored", "present", "failed", "took");
        assertThat(lines.get(1)).startsWith(DAY.toString()).contains("COMPLETED", "12").containsPattern("\\d+(\\.\\d)?s");
    }

    private JsonNode statusJson() throws Exception {
        Cli status = Cli.run(dataDir, "status", "--date", DAY.toString(), "--json");
        assertThat(status.exit()).as(status.toString()).isZero();
        return json.readTree(status.out());
    }
}
