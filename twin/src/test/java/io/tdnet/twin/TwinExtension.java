package io.tdnet.twin;

import io.tdnet.model.DisclosureId;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.Fault;
import io.tdnet.twin.aws.TemplateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts ONE twin (and its fake TDnet) per test JVM, shared by every twin IT, and runs the small day once
 * on first use: {@link #DAY} with {@link #ROWS} rows, one transient (503 for a whole delivery) and one permanent (404)
 * document fault; before it, an execution of another date whose download message was dead-lettered
 * ({@link DeadLetteredExecution}) for the reconciler, which the day fires after it; then the same date again
 * intraday, as the next scheduled run would: {@link #ADDED} new rows at the top and one stored row withdrawn by
 * TDnet, so the re-run finds what the first run stored (AlreadyPresent) and marks a withdrawal. Closed when
 * the JVM's root test context closes.
 */
public final class TwinExtension implements ParameterResolver {
    public static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    public static final int ROWS = 60;
    /** New rows of the intraday re-run. */
    public static final int ADDED = 3;
    static final Duration DAY_TIMEOUT = Duration.ofMinutes(5); // the 503 document comes back after a minute

    /** The shared twin, its fake TDnet and the small day's run. */
    public static final class Fixture implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final FakeTdnet tdnet;
        private final AwsTwin twin;
        private final FakeDay day;
        private final DisclosureId permanentlyMissing;
        private final DisclosureId withdrawn;
        private DayRun run;
        private DeadLetteredExecution deadLettered;
        private DayRun rerun;

        Fixture() throws IOException {
            Path work = Files.createTempDirectory("tdnet-twin-it-");
            tdnet = FakeTdnet.start();
            day = tdnet.addDay(DAY, ROWS, 14);
            List<DisclosureId> ids = day.ids();
            // one more 503 than a delivery's in-process attempts: the first delivery fails, the downloader notes
            // the attempt on the outcome row (the reconciler's sign of life) and SQS redelivers it a minute later
            tdnet.fault(ids.get(3), Fault.status(503, io.tdnet.model.DownloadTiming.IN_PROCESS_ATTEMPTS + 1));
            permanentlyMissing = ids.get(7);
            tdnet.fault(permanentlyMissing, Fault.status(404));
            withdrawn = ids.get(11);
            try {
                twin = AwsTwin.start(TemplateFiles.locate().load(), tdnet.baseUrl(), work);
            } catch (RuntimeException e) {
                tdnet.close();
                throw e;
            }
        }

        public AwsTwin twin() { return twin; }
        public FakeTdnet tdnet() { return tdnet; }
        public FakeDay day() { return day; }
        public DisclosureId permanentlyMissing() { return permanentlyMissing; }
        /** The execution planted before the day for the reconciler to settle (see {@link DeadLetteredExecution}). */
        public DeadLetteredExecution deadLettered() {
            runBoth();
            return deadLettered;
        }

        public DisclosureId withdrawn() { return withdrawn; }

        /** The small day's first run (the re-run follows at once, so the checks see both). */
        public DayRun dayRun() {
            runBoth();
            return run;
        }

        /** The intraday re-run of the same date; its checks cover every call and log line of both runs. */
        public DayRun rerun() {
            runBoth();
            return rerun;
        }

        private synchronized void runBoth() {
            if (run != null) return;
            deadLettered = DeadLetteredExecution.plant(twin, tdnet, DAY.plusDays(3));
            run = twin.runDay(DAY, DAY_TIMEOUT);
            System.out.println(run.summaryLine());
            day.addDisclosures(ADDED);
            day.withdraw(withdrawn);
            rerun = twin.runDay(DAY, DAY_TIMEOUT);
            System.out.println("re-run: " + rerun.summaryLine());
            rerun.figures().forEach((fn, f) -> System.out.println("  " + fn + ": " + f));
            rerun.checks().forEach(c -> System.out.println(c.report()));
        }

        @Override
        public void close() {
            try {
                twin.close();
            } finally {
                tdnet.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Fixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(TwinExtension.class))
                .getOrComputeIfAbsent(Fixture.class, k -> {
                    try {
                        return new Fixture();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, Fixture.class);
    }
}
