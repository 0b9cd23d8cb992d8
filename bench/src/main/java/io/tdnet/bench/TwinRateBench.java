package io.tdnet.bench;

import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.RecordedRequest;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.EnvVars;
import io.tdnet.twin.AwsTwin;
import io.tdnet.twin.DayRun;
import io.tdnet.twin.aws.CloudFormationTemplate;
import io.tdnet.twin.aws.TemplateFiles;
import io.tdnet.twin.aws.TwinAccount;
import io.tdnet.twin.lambda.FunctionFigures;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One rate through the twin of the deployed stack: a small fake day through the twin's lister and
 * downloader Lambdas (the event source's {@code MaximumConcurrency} environments at once) and, at the same
 * time, {@code collect --aws --endpoint-url <twin>} of another date in a child JVM, all against one fake
 * TDnet and all pacing on the stack's one slot schedule (its pacer table) at the same R. Judged from the
 * fake's arrival times like {@link PolitenessBench}: the most requests in any 1-s window over the whole run,
 * and the utilisation over the span where both the pipeline and {@code collect} were sending.
 */
public final class TwinRateBench {
    static final LocalDate PIPELINE_DAY = LocalDate.of(2026, 2, 13);
    static final LocalDate COLLECT_DAY = LocalDate.of(2026, 2, 16);
    private static final Duration DAY_TIMEOUT = Duration.ofMinutes(6);

    /**
     * @param all            every arrival at the fake, whole run
     * @param overlap        the arrivals between the later first request and the earlier last request of the two
     *                       senders (both were sending): its utilisation is the figure
     * @param pipelineRequests arrivals for the pipeline's day (lister + downloaders)
     * @param collectRequests  arrivals for {@code collect}'s day
     * @param collectSends   {@code collect}'s own send instants ({@code --send-log})
     * @param downloaderEnvironments cold starts of the downloader function (environments it ran in)
     * @param pipelineSummary the twin's summary line of the pipeline's day
     */
    public record Result(double rate, PolitenessBench.Sends all, PolitenessBench.Sends overlap, double overlapSeconds,
                         int pipelineRequests, int collectRequests, PolitenessBench.Sends collectSends,
                         int downloaderEnvironments, String pipelineSummary) {}

    /** Two senders' sorted arrival instants and the window in which both were sending. */
    record Overlap(long fromNanos, long toNanos) {
        static Overlap of(List<Long> a, List<Long> b) {
            if (a.isEmpty() || b.isEmpty()) return new Overlap(0, 0);
            long from = Math.max(a.get(0), b.get(0));
            long to = Math.min(a.get(a.size() - 1), b.get(b.size() - 1));
            return to <= from ? new Overlap(0, 0) : new Overlap(from, to);
        }

        /** The instants of {@code sorted} inside [from, to]. */
        List<Long> within(List<Long> sorted) {
            return sorted.stream().filter(t -> t >= fromNanos && t <= toNanos).toList();
        }

        double seconds() {
            return (toNanos - fromNanos) / 1e9;
        }
    }

    private final ChildJvm cli;
    private final long seed;

    /** @param cli the CLI's main class in a child JVM (runs {@code collect --aws}) */
    public TwinRateBench(ChildJvm cli, long seed) {
        this.cli = cli;
        this.seed = seed;
    }

    /** The pipeline's day of {@code pipelineRows} and collect's of {@code collectRows}, both at {@code rate}. */
    public Result run(double rate, int pipelineRows, int collectRows) throws Exception {
        String r = new BigDecimal(Double.toString(rate)).stripTrailingZeros().toPlainString();
        CloudFormationTemplate template = TemplateFiles.locate().load().withEnvironmentValue(EnvVars.TDNET_RATE, r);
        Path dir = Files.createTempDirectory("tdnet-bench-twinrate-");
        try (FakeTdnet fake = FakeTdnet.start()) {
            fake.addDay(PIPELINE_DAY, pipelineRows, seed);
            FakeDay collectDay = fake.addDay(COLLECT_DAY, collectRows, seed + 1);
            Path sendLog = dir.resolve("collect-sends.txt");
            Path childLog = dir.resolve("collect.log");
            DayRun run;
            try (AwsTwin twin = AwsTwin.start(template, fake.baseUrl(), Files.createDirectories(dir.resolve("twin")))) {
                ProcessBuilder pb = new ProcessBuilder(cli.command(List.of("-Xmx256m"), List.of("collect", "--aws",
                        "--endpoint-url", twin.endpoint().toString(), "--region", TwinAccount.REGION,
                        "--stack", template.stackName(), "--date", COLLECT_DAY.toString(), "--tdnet-url", fake.baseUrl(),
                        "--rate", r, "--send-log", sendLog.toString())))
                        .redirectErrorStream(true).redirectOutput(childLog.toFile());
                pb.environment().put("AWS_ACCESS_KEY_ID", twin.cliKey().accessKeyId());
                pb.environment().put("AWS_SECRET_ACCESS_KEY", twin.cliKey().secretAccessKey());
                pb.environment().remove("AWS_PROFILE");
                Process collect = pb.start();
                try {
                    run = twin.runDay(PIPELINE_DAY, DAY_TIMEOUT); // the lister fires while collect's JVM starts
                    if (!collect.waitFor(DAY_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || collect.exitValue() != 0) {
                        throw new IllegalStateException("collect --aws against the twin did not end well:\n"
                                + Files.readString(childLog));
                    }
                } finally {
                    collect.destroyForcibly();
                }
                if (!run.settled()) throw new IllegalStateException("the twin's day did not settle: " + run.summaryLine());
            }
            List<RecordedRequest> requests = fake.requests();
            java.util.function.Predicate<RecordedRequest> ofCollect = isFor(collectDay);
            List<Long> all = times(requests);
            List<Long> forCollect = times(requests.stream().filter(ofCollect).toList());
            List<Long> forPipeline = times(requests.stream().filter(ofCollect.negate()).toList());
            Overlap overlap = Overlap.of(forPipeline, forCollect);
            return new Result(rate, PolitenessBench.Sends.of(all, rate), PolitenessBench.Sends.of(overlap.within(all), rate),
                    overlap.seconds(), forPipeline.size(), forCollect.size(),
                    PolitenessBench.Sends.of(PolitenessBench.sendInstants(sendLog), rate), downloaderEnvironments(run),
                    run.summaryLine());
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    /** Whether a request is for {@code day}: one of its list pages (they carry the date) or of its documents. */
    static java.util.function.Predicate<RecordedRequest> isFor(FakeDay day) {
        Set<String> documents = day.ids().stream().map(DisclosureId::value).map(id -> id + ".pdf").collect(Collectors.toSet());
        String listSuffix = "_" + day.date().format(DateTimeFormatter.BASIC_ISO_DATE) + ".html";
        return q -> q.isListPage() ? q.fileName().endsWith(listSuffix) : documents.contains(q.fileName());
    }

    private static List<Long> times(List<RecordedRequest> requests) {
        List<Long> t = new ArrayList<>(requests.stream().map(RecordedRequest::nanoTime).toList());
        t.sort(null);
        return t;
    }

    private static int downloaderEnvironments(DayRun run) {
        return run.figures().entrySet().stream().filter(e -> e.getKey().toLowerCase(java.util.Locale.ROOT).contains("download"))
                .map(Map.Entry::getValue).mapToInt(FunctionFigures::coldStarts).sum();
    }
}
