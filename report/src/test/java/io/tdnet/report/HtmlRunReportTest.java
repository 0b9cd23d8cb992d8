package io.tdnet.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.Outcome;
import io.tdnet.model.OutcomeRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class HtmlRunReportTest {

    static int points(Element polyline) {
        String points = polyline.attr("points").strip();
        return points.isEmpty() ? 0 : points.split("\\s+").length;
    }

    @Test
    void showsTheSummaryHistoryAndCounters() throws Exception {
        String html = HtmlRunReport.render(ReportFixtures.report(37));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/sample-report.html"), html);
        Document doc = Jsoup.parse(html);

        assertThat(doc.title()).contains("2026-02-13").contains(ReportFixtures.ID);
        assertThat(doc.select("#summary .status").first().text()).isEqualTo("COMPLETED_WITH_FAILURES");
        assertThat(doc.select("#summary .history li")).extracting(Element::text)
                .anySatisfy(t -> assertThat(t).startsWith("LISTING"))
                .anySatisfy(t -> assertThat(t).startsWith("RUNNING").contains("+3.0 s"))
                .anySatisfy(t -> assertThat(t).startsWith("COMPLETED_WITH_FAILURES").contains("+39.0 s"));
        assertThat(doc.select("#counter-listed .value").text()).isEqualTo("250");
        assertThat(doc.select("#counter-stored .value").text()).isEqualTo("240");
        assertThat(doc.select("#counter-already-present .value").text()).isEqualTo("5");
        assertThat(doc.select("#counter-failed .value").text()).isEqualTo("5");
        assertThat(doc.select("#counter-withdrawn .value").text()).isEqualTo("2");
        assertThat(doc.select("#counters table.metrics td")).extracting(Element::text)
                .containsExactly("3", "245", "240", "4.6 MiB", "9", "260", "12.5 s", "1,020 ms");
        assertThat(doc.select("#counters").text()).contains("http_5xx 9");
        assertThat(doc.select("#counter-xbrl-stored")).as("a run without XBRL shows no XBRL cards").isEmpty();
    }

    @Test
    void showsTheXbrlCountersOfARunWithXbrl() {
        var s = ReportFixtures.summary();
        var withXbrl = new io.tdnet.model.ExecutionSummary(s.executionId(), s.targetDate(), s.status(), s.reason(),
                s.bannerTotal(), s.listed(), s.withdrawn(), s.stored(), s.alreadyPresent(), s.inFlight(), s.failed(),
                s.startedAt(), s.updatedAt(), s.finishedAt(), new io.tdnet.model.ExecutionSummary.XbrlCounts(80, 3, 2));
        var base = ReportFixtures.report(3);
        Document doc = Jsoup.parse(HtmlRunReport.render(new RunReport(withXbrl, base.history(), base.failures(), base.run(),
                base.commandSuffix(), base.generatedAt())));
        assertThat(doc.select("#counter-xbrl-stored .value").text()).isEqualTo("80");
        assertThat(doc.select("#counter-xbrl-already-present .value").text()).isEqualTo("3");
        assertThat(doc.select("#counter-xbrl-failed .value").text()).isEqualTo("2");
    }

    @Test
    void everyChartSeriesHasOnePointPerSample() {
        for (int n : List.of(1, 2, 37, 400)) {
            Document doc = Jsoup.parse(HtmlRunReport.render(ReportFixtures.report(n)));
            var lines = doc.select("svg polyline.series");
            assertThat(lines).extracting(e -> e.attr("data-series"))
                    .containsExactly("download", "persist", "download-dlq", "persist-dlq", "throughput", "retries", "waits");
            for (Element line : lines) assertThat(points(line)).as(line.attr("data-series") + " with " + n).isEqualTo(n);
            assertThat(doc.select("#charts").text()).contains(n + " samples");
        }
    }

    @Test
    void theThroughputIsSettledPerSecondBetweenSamples() {
        var samples = ReportFixtures.samples(5);
        double[] rates = HtmlRunReport.throughput(samples);
        assertThat(rates[0]).isZero();
        for (int i = 1; i < 5; i++) {
            long delta = samples.get(i).settled() - samples.get(i - 1).settled();
            assertThat(rates[i]).isEqualTo(delta * 1000.0 / (samples.get(i).elapsedMillis() - samples.get(i - 1).elapsedMillis()));
        }
    }

    @Test
    void listsEveryFailureWithItsReasonAndTheRedriveCommands() {
        Document doc = Jsoup.parse(HtmlRunReport.render(ReportFixtures.report(10)));
        var rows = doc.select("#failures tr.failure");
        assertThat(rows).hasSize(5);
        for (OutcomeRow f : ReportFixtures.failures()) {
            // shown without the characters XML 1.0 forbids (the fixture's href carries ESC and NUL)
            String subject = f.disclosureId() != null ? f.disclosureId().value() : f.href().replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
            Element row = rows.stream().filter(r -> r.select("td").get(1).text().equals(subject)).findFirst().orElseThrow();
            assertThat(row.select("td.reason").text()).isEqualTo(f.reason());
            if (f.disclosureId() != null) {
                assertThat(row.select("code.cmd").text())
                        .isEqualTo("tdnet dlq redrive --disclosure " + f.disclosureId().value() + " --data-dir /tmp/tdnet data");
            } else {
                assertThat(row.text()).contains("never fetched");
            }
        }
        assertThat(doc.select("#redrive").text()).isEqualTo("tdnet dlq redrive --date 2026-02-13 --data-dir /tmp/tdnet data");
        assertThat(rows.get(2).select("td").get(2).text()).isEqualTo("not_pdf");
    }

    @Test
    void isSelfContainedAndEscapesWhatItShows() {
        String html = HtmlRunReport.render(ReportFixtures.report(10));
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("link, img, iframe, object, embed")).isEmpty();
        assertThat(doc.select("[src]")).isEmpty();
        assertThat(html).doesNotContain("url(").doesNotContain("@import").doesNotContain("href=\"http");
        assertThat(html).contains("javascript:alert(&quot;x&quot;)&lt;script&gt;[2J&#39;");
        // Characters XML 1.0 forbids are dropped, so the page is also well-formed as XHTML.
        assertThat(html.codePoints().filter(c -> !io.tdnet.model.text.MarkupText.allowedInXml(c))).isEmpty();
        assertThat(html).contains("not a PDF (starts with &lt;html&gt;)");
    }

    @Test
    void withoutSamplesOrFailuresItSaysSo() {
        var summary = ReportFixtures.summary();
        RunReport report = new RunReport(summary, List.of(), List.of(), Optional.empty(), "", Instant.now());
        Document doc = Jsoup.parse(HtmlRunReport.render(report));
        assertThat(doc.select("svg")).isEmpty();
        assertThat(doc.select("#charts").text()).contains("No samples");
        assertThat(doc.select("#failures").text()).contains("No failures");
        assertThat(doc.select("#summary").text()).contains("no history recorded");
        assertThat(report.redriveCommand(new OutcomeRow("x", null, "h", Outcome.FAILED, "r"))).isEmpty();
    }

    @Test
    void niceCeilingRoundsUp() {
        assertThat(HtmlRunReport.niceCeiling(0)).isEqualTo(1);
        assertThat(HtmlRunReport.niceCeiling(7)).isEqualTo(10);
        assertThat(HtmlRunReport.niceCeiling(242)).isEqualTo(250);
        assertThat(HtmlRunReport.niceCeiling(0.3)).isEqualTo(0.5);
    }
}
