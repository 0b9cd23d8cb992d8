package io.tdnet.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.local.CollectOptions;
import io.tdnet.local.CollectProgress;
import io.tdnet.local.Collector;
import io.tdnet.local.LocalPipeline;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.Tdnet;
import io.tdnet.model.TdnetOrigin;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the serve tests read, put once per test JVM into the shared stack (a test class finding it there
 * uses it as it is; the serve tests only read and none resets the stack):
 * <ul>
 *   <li>a demo day ({@link #DAY}: {@value #ROWS} rows of seed 20260213 plus the hostile rows) collected
 *       through the real collect path from the fake TDnet — PDFs, execution, failures;</li>
 *   <li>the busy day ({@link #BUSY}: the linked rows of the fake's 2,694-row day) written straight into
 *       the disclosures table in the shape the persister writes, for paging through a whole busy day.
 *       Collecting it through the pipeline took 3.5 minutes on the shared 2-core machine.</li>
 * </ul>
 */
final class DemoDay {
    static final LocalDate DAY = LocalDate.of(2026, 2, 13);
    static final int ROWS = 60;
    static final LocalDate BUSY = LocalDate.of(2026, 2, 16);
    static final int BUSY_ROWS = 2_694;

    private DemoDay() {}

    /** The settled execution of the day, collecting it first if this JVM has not. */
    static synchronized ExecutionSummary ensure(EmbeddedAwsStack stack) throws InterruptedException {
        ExecutionQueries queries = new ExecutionQueries(stack.dynamoDb(), stack.resources().executionsTable());
        Optional<ExecutionSummary> done = queries.latestFor(DAY).filter(s -> s.status().isSettled());
        if (done.isPresent()) return done.get();
        try (FakeTdnet tdnet = FakeTdnet.start()) {
            FakeDay day = tdnet.addDay(DAY, ROWS, 20260213L);
            day.addHostileRows();
            BusyDay.write(stack, tdnet.addDay(BUSY, BUSY_ROWS, 20260216L), tdnet.baseUrl());
            CollectOptions options = new CollectOptions(TdnetOrigin.of(tdnet.baseUrl()), 0, Tdnet.DEFAULT_MAX_PDF_BYTES,
                    Tdnet.DEFAULT_USER_AGENT, 8, 4);
            try (LocalPipeline pipeline = new LocalPipeline(new StackEnvironment(stack), options, Clock.systemUTC())) {
                new Collector(pipeline, new PrintWriter(Writer.nullWriter()), CollectProgress.NONE).collect(DAY);
            }
        }
        ExecutionSummary summary = queries.latestFor(DAY).orElseThrow();
        // the two identical hostile rejected rows are the day's only failures
        assertThat(summary.status()).as(summary.toString()).isEqualTo(ExecutionStatus.COMPLETED_WITH_FAILURES);
        assertThat(summary.failed()).isEqualTo(2);
        return summary;
    }

    static DisclosureArchive archive(EmbeddedAwsStack stack) {
        return new DisclosureArchive(stack.dynamoDb(), stack.resources().disclosuresTable(), Clock.systemUTC());
    }

    static ArchiveServer.Archive sources(EmbeddedAwsStack stack) {
        return new ArchiveServer.Archive(archive(stack), new ExecutionQueries(stack.dynamoDb(), stack.resources().executionsTable()),
                stack.s3(), stack.resources().bucket());
    }
}
