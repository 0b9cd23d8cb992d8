package io.tdnet.local;

import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.PipelineResources;
import io.tdnet.telemetry.InMemoryMetrics;
import io.tdnet.telemetry.MetricsSnapshot;
import io.tdnet.report.QueueDepth;
import io.tdnet.report.RunSample;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Samples a running execution every interval on its own thread: the four queues' depths, the
 * execution's counters from the ledger, and the process's {@link InMemoryMetrics}. A sample that fails
 * (a queue briefly unreachable) is skipped, never fatal: sampling only observes.
 */
final class RunSampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunSampler.class);

    private final SqsClient sqs;
    private final PipelineResources resources;
    private final ExecutionQueries queries;
    private final InMemoryMetrics metrics;
    private final String executionId;
    private final Duration interval;
    private final Clock clock;
    private final List<RunSample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private final long startedNanos;

    private RunSampler(SqsClient sqs, PipelineResources resources, ExecutionQueries queries, InMemoryMetrics metrics,
                       String executionId, Duration interval, Clock clock) {
        this.sqs = sqs;
        this.resources = resources;
        this.queries = queries;
        this.metrics = metrics;
        this.executionId = executionId;
        this.interval = interval;
        this.clock = clock;
        this.startedNanos = System.nanoTime();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "run-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling now (first sample after one interval). */
    static RunSampler start(SqsClient sqs, PipelineResources resources, ExecutionQueries queries, InMemoryMetrics metrics,
                            String executionId, Duration interval, Clock clock) {
        RunSampler sampler = new RunSampler(sqs, resources, queries, metrics, executionId, interval, clock);
        long millis = Math.max(1, interval.toMillis());
        // fixed delay, not fixed rate: a slow sample (busy machine) must not be followed by a burst of catch-up samples
        sampler.timer.scheduleWithFixedDelay(sampler::sampleQuietly, millis, millis, TimeUnit.MILLISECONDS);
        return sampler;
    }

    Duration interval() {
        return interval;
    }

    private void sampleQuietly() {
        MDC.put("execution_id", executionId);
        try {
            RunSample sample = sample();
            synchronized (samples) {
                samples.add(sample);
            }
        } catch (RuntimeException e) {
            log.debug("sample skipped: {}", e.toString());
        } finally {
            MDC.remove("execution_id");
        }
    }

    RunSample sample() {
        long elapsed = (System.nanoTime() - startedNanos) / 1_000_000;
        ExecutionSummary s = queries.summary(executionId).orElseThrow();
        MetricsSnapshot m = metrics.snapshot();
        return new RunSample(elapsed, clock.instant(), depth(resources.downloadQueueUrl()), depth(resources.persistQueueUrl()),
                depth(resources.downloadDlqUrl()), depth(resources.persistDlqUrl()), s.listed(), s.stored(),
                s.alreadyPresent(), s.failed(), m.downloadedBytes(), m.retries(), m.rateLimitWaitMillis());
    }

    private QueueDepth depth(String queueUrl) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return new QueueDepth(Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
    }

    /** Stops sampling (waiting for a sample in progress) and returns every sample taken. */
    List<RunSample> stop() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) timer.shutdownNow();
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
