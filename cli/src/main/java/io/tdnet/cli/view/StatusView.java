package io.tdnet.cli.view;

import io.tdnet.model.IsoTime;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.OutcomeRow;
import io.tdnet.model.text.DisplayText;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an execution is shown: the human summary and the {@code status --json} object (docs/ARCHITECTURE.md,
 * CLI contract). The human form passes every value that can come from TDnet (hrefs, reasons quoting
 * titles) through {@link DisplayText}, so no control character reaches the terminal; JSON keeps them raw
 * (the encoder escapes them).
 */
public final class StatusView {
    private StatusView() {}

    public static Map<String, Object> json(ExecutionSummary s, List<OutcomeRow> failures) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("execution_id", s.executionId());
        out.put("target_date", s.targetDate().toString());
        out.put("status", s.status().name());
        out.put("reason", s.reason());
        out.put("banner_total", s.bannerTotal());
        out.put("listed", s.listed());
        out.put("withdrawn", s.withdrawn());
        out.put("stored", s.stored());
        out.put("already_present", s.alreadyPresent());
        out.put("in_flight", s.inFlight());
        out.put("failed", s.failed());
        out.put("xbrl_stored", s.xbrl().stored());
        out.put("xbrl_already_present", s.xbrl().alreadyPresent());
        out.put("xbrl_failed", s.xbrl().failed());
        out.put("started_at", str(s.startedAt()));
        out.put("updated_at", str(s.updatedAt()));
        out.put("finished_at", str(s.finishedAt()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (OutcomeRow f : failures) {
            Map<String, Object> row = new LinkedHashMap<>();
            if (f.disclosureId() != null) row.put("disclosure_id", f.disclosureId().value());
            else row.put("href", f.href());
            row.put("reason", f.reason());
            rows.add(row);
        }
        out.put("failures", rows);
        return out;
    }

    public static String human(ExecutionSummary s, List<OutcomeRow> failures) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("execution  %s%n", s.executionId()));
        out.append(String.format("date       %s%n", s.targetDate()));
        out.append(String.format("status     %s%s%n", s.status(), s.reason() == null ? "" : " — " + DisplayText.message(s.reason())));
        if (s.bannerTotal() != null) {
            out.append(String.format("listed     %,d of banner %,d (+ %,d withdrawn by TDnet)%n", s.listed(), s.bannerTotal(), s.withdrawn()));
            out.append(String.format("outcomes   stored %,d · already present %,d · in flight %,d · failed %,d · pending %,d%n",
                    s.stored(), s.alreadyPresent(), s.inFlight(), s.failed(), s.pending()));
            if (s.xbrl().total() > 0) {
                out.append(String.format("xbrl       stored %,d · already present %,d · failed %,d%n",
                        s.xbrl().stored(), s.xbrl().alreadyPresent(), s.xbrl().failed()));
            }
            if (s.inFlight() > 0) {
                out.append(String.format("           (in flight: queued by an earlier execution of the date, which accounts for them)%n"));
            }
        }
        out.append(String.format("started    %s%n", s.startedAt()));
        if (s.finishedAt() != null) {
            out.append(String.format("finished   %s (%s)%n", s.finishedAt(), duration(s.startedAt(), s.finishedAt())));
        } else {
            out.append(String.format("updated    %s%n", s.updatedAt()));
        }
        if (!failures.isEmpty()) {
            out.append(String.format("failures   %d%n", failures.size()));
            for (OutcomeRow f : failures) {
                String subject = f.disclosureId() != null ? f.disclosureId().value() : f.href() == null ? "(no link)" : DisplayText.of(f.href());
                out.append(String.format("  %-20s %s%n", subject, DisplayText.message(f.reason())));
            }
            out.append("recover with: tdnet dlq redrive --date ").append(s.targetDate()).append(String.format("%n"));
        }
        return out.toString();
    }

    /** One line per execution, for {@code status} with no arguments. */
    public static String line(ExecutionSummary s) {
        String took = s.finishedAt() == null ? "-" : duration(s.startedAt(), s.finishedAt());
        return String.format("%-10s  %-23s  %7s  %7s  %7s  %7s  %8s  %s", s.targetDate(), s.status(),
                s.listed(), s.stored(), s.alreadyPresent(), s.failed(), took, s.executionId());
    }

    public static String header() {
        return String.format("%-10s  %-23s  %7s  %7s  %7s  %7s  %8s  %s", "date", "status", "listed", "stored",
                "present", "failed", "took", "execution");
    }

    public static String duration(OffsetDateTime from, OffsetDateTime to) {
        if (from == null || to == null) return "-";
        Duration d = Duration.between(from, to);
        if (d.toMinutes() >= 1) return String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }

    private static String str(OffsetDateTime time) {
        return IsoTime.format(time);
    }
}
