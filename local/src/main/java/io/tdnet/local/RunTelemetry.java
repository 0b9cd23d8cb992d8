package io.tdnet.local;

import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.telemetry.InMemoryMetrics;
import io.tdnet.report.HtmlRunReport;
import io.tdnet.report.RunReport;
import io.tdnet.report.RunRecord;
import io.tdnet.report.RunRecords;
import io.tdnet.report.RunSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a local run records around each execution: samples while it runs
 * ({@code <data-dir>/runs/<execution_id>.json}) and, when it ends, the HTML report
 * ({@code <data-dir>/reports/<date>-<execution_id>.html}). Also the report's builder for {@code tdnet report}.
 */
public final class RunTelemetry {
    /** Records nothing (the bench: it measures the pipeline without the sampler). */
    public static final RunTelemetry NONE = new RunTelemetry(null, null, null, null, Duration.ofSeconds(1), "", "", Clock.systemUTC());

    private final PipelineEnvironment environment;
    private final ExecutionQueries queries;
    private final InMemoryMetrics metrics;
    private final Path dataDir;
    private final Duration interval;
    private final String command;
    private final String commandSuffix;
    private final Clock clock;
    private RunSampler sampler;
    private Instant samplingStarted;

    /**
     * @param commandSuffix appended to the commands the report prints ({@code --data-dir DIR} or the AWS flags)
     */
    public RunTelemetry(PipelineEnvironment environment, ExecutionQueries queries, InMemoryMetrics metrics, Path dataDir,
                 Duration interval, String command, String commandSuffix, Clock clock) {
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("--sample-interval must be positive");
        this.environment = environment;
        this.queries = queries;
        this.metrics = metrics;
        this.dataDir = dataDir;
        this.interval = interval;
        this.command = command;
        this.commandSuffix = commandSuffix;
        this.clock = clock;
    }

    private boolean enabled() {
        return environment != null;
    }

    /** The execution is listed and its workers start: sampling begins. */
    synchronized void running(ExecutionSummary summary) {
        if (!enabled() || sampler != null) return;
        samplingStarted = clock.instant();
        sampler = RunSampler.start(environment.sqs(), environment.resources(), queries, metrics, summary.executionId(),
                interval, clock);
    }

    /**
     * The execution ended (settled, failed, or given up on): sampling stops, the run record and the
     * report are written. Returns the report's path.
     */
    synchronized Optional<Path> ended(ExecutionSummary summary) {
        if (!enabled()) return Optional.empty();
        if (summary.finishedAt() != null && summary.startedAt() != null) {
            metrics.executionFinished(summary.status(), Duration.between(summary.startedAt(), summary.finishedAt()));
        }
        if (sampler != null) {
            List<RunSample> samples = sampler.stop();
            sampler = null;
            new RunRecords(dataDir).write(new RunRecord(summary.executionId(), summary.targetDate(), command,
                    interval.toMillis(), samplingStarted, clock.instant(), samples, metrics.snapshot()));
        }
        return Optional.of(writeReport(summary.executionId(), null));
    }

    /** Writes the report of an execution to {@code output}, or to its default place under the data dir. */
    public Path writeReport(String executionId, Path output) {
        ExecutionSummary summary = queries.summary(executionId)
                .orElseThrow(() -> new IllegalArgumentException("no execution " + executionId));
        RunReport report = new RunReport(summary, queries.statusHistory(executionId), queries.failures(executionId),
                new RunRecords(dataDir).read(executionId), commandSuffix, clock.instant());
        Path target = output != null ? output
                : dataDir.resolve("reports").resolve(summary.targetDate() + "-" + executionId + ".html");
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(target, HtmlRunReport.render(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report " + target, e);
        }
        return target.toAbsolutePath().normalize();
    }
}
