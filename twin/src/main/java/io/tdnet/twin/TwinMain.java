package io.tdnet.twin;

import io.tdnet.model.DisclosureId;
import io.tdnet.model.DownloadTiming;
import io.tdnet.model.EnvVars;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.Fault;
import io.tdnet.faketdnet.RecordedRequest;
import io.tdnet.twin.aws.CheckReport;
import io.tdnet.twin.aws.CloudFormationTemplate;
import io.tdnet.twin.aws.TemplateFiles;
import io.tdnet.twin.lambda.FunctionFigures;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code ./tdnet twin [--date D] [--rate R] [--tdnet-url U] [--rows N]}: one TDnet day end to end through
 * the twin — the fake TDnet (default: the busy day, {@value #BUSY_DAY_ROWS} rows with transient and
 * permanent faults) or {@code U} → the scheduled lister Lambda → downloader Lambdas → persister Lambdas —
 * then the {@code collect} summary, where each function's log is, the figures (invocations, cold starts,
 * p50/p99, max requests in any 1 s at TDnet); then the same date again, as the next scheduled run would
 * (on the fake: a few new rows and one stored row withdrawn), and the three cross-checks over both runs. On the
 * fake, an execution of another date whose download message SQS dead-lettered is planted first
 * ({@link DeadLetteredExecution}), so the reconciler fired after the day has something to settle and the IAM
 * check sees every grant used in this one run. Exit codes as {@code collect}'s:
 * 0 settled without failures, 3 settled with recorded failures, 4 the list could not be read; 1 when the
 * day did not settle with every disclosure accounted for, or a cross-check failed.
 */
public final class TwinMain {
    static final int BUSY_DAY_ROWS = 2_694;
    /** New rows of the intraday re-run on the fake TDnet. */
    static final int RERUN_ADDED = 5;
    static final LocalDate DEFAULT_DATE = LocalDate.of(2026, 2, 13);
    /** The busy day's row whose first delivery fails whole (one 503 more than a delivery's in-process attempts). */
    static final int REDELIVERED_ROW = 5;
    private static final Duration DAY_TIMEOUT = Duration.ofMinutes(60);

    private TwinMain() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    /** Runs the command with its arguments; returns the exit code. */
    public static int run(String[] args, PrintStream out) throws Exception {
        LocalDate date = DEFAULT_DATE;
        String rate = null;
        String tdnetUrl = null;
        int rows = BUSY_DAY_ROWS;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--date" -> date = LocalDate.parse(required(args[i], value));
                case "--rate" -> rate = new BigDecimal(required(args[i], value)).stripTrailingZeros().toPlainString();
                case "--tdnet-url" -> tdnetUrl = required(args[i], value);
                case "--rows" -> rows = Integer.parseInt(required(args[i], value));
                default -> {
                    out.println("usage: tdnet twin [--date YYYY-MM-DD] [--rate R] [--tdnet-url URL] [--rows N]");
                    return 2;
                }
            }
            i++;
        }
        CloudFormationTemplate template = TemplateFiles.locate().load();
        if (rate != null) {
            template = template.withEnvironmentValue(EnvVars.TDNET_RATE, rate);
        }
        Path work = Files.createTempDirectory("tdnet-twin-");
        FakeTdnet fake = tdnetUrl == null ? FakeTdnet.start() : null;
        try {
            FakeDay day = null;
            if (fake != null) {
                day = busyDay(fake, date, rows);
                tdnetUrl = fake.baseUrl();
            }
            out.printf("twin of %s: TDnet %s, rate %s, work dir %s%n", template.stackName(), tdnetUrl,
                    template.functions().get(0).environment().get(EnvVars.TDNET_RATE), work);
            try (AwsTwin twin = AwsTwin.start(template, tdnetUrl, work)) {
                DeadLetteredExecution planted = null;
                if (fake != null) {
                    planted = DeadLetteredExecution.plant(twin, fake, date.plusDays(3));
                    out.println("planted for the reconciler: execution " + planted.executionId()
                            + " (one disclosure, its download message in the download DLQ)");
                }
                DayRun run = twin.runDay(date, DAY_TIMEOUT);
                print(run, fake == null ? List.of() : fake.requests(), twin, out, false);
                if (planted != null) {
                    out.println("reconciler: planted execution " + twin.executionSummary(planted.executionId())
                            .map(s -> s.status() + " (failed " + s.failed() + " of " + s.listed() + ")")
                            .orElse("not found"));
                }
                if (!run.settled()) return exitCode(run);
                // the next scheduled run of the same day, as production's crons run it several times a day: it
                // finds what the first stored (AlreadyPresent) and marks a stored row TDnet withdrew since
                if (day != null) {
                    DisclosureId stored = day.ids().get(0); // index 0 carries no fault (busyDay): stored by the first run
                    day.addDisclosures(RERUN_ADDED);
                    day.withdraw(stored);
                    fake.clearRequests();
                }
                DayRun rerun = twin.runDay(date, DAY_TIMEOUT);
                out.println("intraday re-run of the same date" + (day == null ? "" : " (" + RERUN_ADDED
                        + " new rows, one stored row withdrawn by TDnet)") + "; the checks cover both runs:");
                print(rerun, fake == null ? List.of() : fake.requests(), twin, out, true);
                // the day's code (collect's), judged by the checks over both runs; 1 if the re-run is not exact
                int dayCode = exitCode(new DayRun(run.date(), run.lister(), run.summary(), run.settled(), run.wallTime(),
                        run.figures(), rerun.checks()));
                boolean rerunExact = rerun.settled() && rerun.summary().map(ExecutionSummary::allAccountedFor).orElse(false);
                return rerunExact ? dayCode : 1;
            }
        } finally {
            if (fake != null) fake.close();
        }
    }

    /** 0 / 3 / 4 as {@code collect} by the settled status; 1 when not settled exactly or a check failed. */
    static int exitCode(DayRun run) {
        boolean exact = run.settled() && run.summary().map(ExecutionSummary::allAccountedFor).orElse(false);
        if (!run.checksPassed()) return 1;
        if (run.summary().map(s -> s.status() == ExecutionStatus.FAILED).orElse(false)) return 4;
        if (!exact) return 1;
        return run.summary().get().status() == ExecutionStatus.COMPLETED ? 0 : 3;
    }

    /**
     * The busy day: transient faults (503, 429 + Retry-After, resets, stalls; one document whose whole first
     * delivery fails, so the downloader notes the attempt and SQS redelivers it) and permanent ones (404,
     * HTML 200, off-origin).
     */
    static FakeDay busyDay(FakeTdnet fake, LocalDate date, int rows) {
        FakeDay day = fake.addDay(date, rows, 2026_02_13L);
        List<DisclosureId> ids = day.ids();
        if (ids.size() > REDELIVERED_ROW) {
            fake.fault(ids.get(REDELIVERED_ROW), Fault.status(503, DownloadTiming.IN_PROCESS_ATTEMPTS + 1));
        }
        for (int i = 0; i < ids.size(); i++) {
            DisclosureId id = ids.get(i);
            if (i == REDELIVERED_ROW) continue;
            switch (i % 97) {
                case 3 -> fake.fault(id, Fault.status(503, 2));
                case 11 -> fake.fault(id, new Fault.TooManyRequests(Duration.ofSeconds(2), 1));
                case 23 -> fake.fault(id, new Fault.ResetMidBody(1));
                case 37 -> fake.fault(id, new Fault.Stall(Duration.ofSeconds(3), 1));
                case 51 -> fake.fault(id, Fault.status(404));
                case 67 -> fake.fault(id, new Fault.Html200(Fault.FOREVER));
                default -> { }
            }
        }
        day.addRejectedRow("https://example.com/off-origin.pdf");
        return day;
    }

    static void print(DayRun run, List<RecordedRequest> tdnetRequests, AwsTwin twin, PrintStream out, boolean checks) {
        out.println(run.summaryLine());
        if (!run.settled()) out.println("NOT SETTLED within the timeout");
        out.println("logs: " + twin.logDir());
        out.printf("%-28s %11s %11s %11s %7s %9s %9s  %s%n", "function", "invocations", "cold starts", "init errors", "errors",
                "p50 ms", "p99 ms", "log files");
        run.figures().forEach((fn, f) -> out.printf("%-28s %11d %11d %11d %7d %9d %9d  %s%n",
                twin.template().function(fn).functionName(), f.invocations(), f.coldStarts(), f.initErrors(),
                f.errors() + f.timeouts(), f.p50DurationMs(), f.p99DurationMs(), logDirs(f)));
        if (!tdnetRequests.isEmpty()) {
            out.printf("TDnet: %,d requests, at most %d in any 1 s%n", tdnetRequests.size(), maxInOneSecond(tdnetRequests));
        }
        if (!checks) return;
        for (CheckReport check : run.checks()) {
            out.println(check.report());
        }
    }

    private static String logDirs(FunctionFigures f) {
        return f.logFiles().isEmpty() ? "-" : f.logFiles().get(0).getParent() + " (" + f.logFiles().size() + ")";
    }

    /** The largest number of requests whose arrival times fit in one second. */
    static int maxInOneSecond(List<RecordedRequest> requests) {
        long[] t = requests.stream().mapToLong(RecordedRequest::nanoTime).sorted().toArray();
        int max = 0;
        for (int lo = 0, hi = 0; hi < t.length; hi++) {
            while (t[hi] - t[lo] >= 1_000_000_000L) lo++;
            max = Math.max(max, hi - lo + 1);
        }
        return max;
    }

    private static String required(String option, String value) {
        if (value == null) throw new IllegalArgumentException(option + " needs a value");
        return value;
    }
}
