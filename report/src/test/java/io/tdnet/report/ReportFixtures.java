package io.tdnet.report;

import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.Outcome;
import io.tdnet.model.OutcomeRow;
import io.tdnet.model.StatusChange;
import io.tdnet.telemetry.MetricsSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A plausible finished run with failures, for renderer tests. */
final class ReportFixtures {
    static final String ID = "2026-02-13.20260213T060000Z.abc123";
    static final OffsetDateTime START = OffsetDateTime.parse("2026-02-13T15:00:00+09:00");

    static ExecutionSummary summary() {
        return new ExecutionSummary(ID, LocalDate.of(2026, 2, 13), ExecutionStatus.COMPLETED_WITH_FAILURES, null,
                252L, 250, 2, 240, 5, 0, 5, START, START.plusSeconds(42), START.plusSeconds(42));
    }

    static List<StatusChange> history() {
        return List.of(new StatusChange(ExecutionStatus.LISTING, START),
                new StatusChange(ExecutionStatus.RUNNING, START.plusSeconds(3)),
                new StatusChange(ExecutionStatus.COMPLETED_WITH_FAILURES, START.plusSeconds(42)));
    }

    static List<OutcomeRow> failures() {
        return List.of(
                new OutcomeRow(ID, new DisclosureId("140120260213500001"), null, Outcome.FAILED, "http 404"),
                new OutcomeRow(ID, new DisclosureId("140120260213500002"), null, Outcome.FAILED, "http 404"),
                new OutcomeRow(ID, new DisclosureId("140120260213500003"), null, Outcome.FAILED, "not a PDF (starts with <html>)"),
                new OutcomeRow(ID, new DisclosureId("140120260213500004"), null, Outcome.FAILED,
                        "gave up after 6 deliveries: http 503"),
                new OutcomeRow(ID, null, "javascript:alert(\"x\")<script>\u001b[2J\u0000'", Outcome.FAILED, "javascript: link"));
    }

    static List<RunSample> samples(int n) {
        List<RunSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long settled = Math.min(250, i * 250L / Math.max(1, n - 2));
            long queue = 250 - settled;
            out.add(new RunSample(1000L * (i + 1), Instant.parse("2026-02-13T06:00:03Z").plusSeconds(i),
                    new QueueDepth(Math.max(0, queue - 8), Math.min(queue, 8)), new QueueDepth(i % 3, i % 2),
                    new QueueDepth(Math.min(4, i / 5), 0), QueueDepth.EMPTY,
                    250, Math.max(0, settled - 10), Math.min(5, settled), Math.min(5, settled / 50),
                    settled * 20_000, i / 4, i * 300L));
        }
        return out;
    }

    static RunRecord run(int n) {
        MetricsSnapshot m = new MetricsSnapshot(3, 250, 245, 4_800_000, 240, 240, 0, 5,
                Map.of("http_404", 2L, "not_pdf", 1L, "gave_up", 1L, "rejected_row", 1L), 9, Map.of("http_5xx", 9L),
                260, 12_500, 1_020);
        return new RunRecord(ID, LocalDate.of(2026, 2, 13), "collect", 1000, Instant.parse("2026-02-13T06:00:02Z"),
                Instant.parse("2026-02-13T06:00:44Z"), samples(n), m);
    }

    static RunReport report(int samples) {
        return new RunReport(summary(), history(), failures(), Optional.of(run(samples)), " --data-dir /tmp/tdnet data",
                Instant.parse("2026-02-13T06:01:00Z"));
    }

    private ReportFixtures() {}
}
