package io.tdnet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.ledger.ExecutionQueries;
import io.tdnet.local.CollectOptions;
import io.tdnet.local.CollectProgress;
import io.tdnet.local.Collector;
import io.tdnet.local.EmbeddedEnvironment;
import io.tdnet.local.LocalPipeline;
import io.tdnet.model.Attributes;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.Names;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.serve.ArchiveServer;
import io.tdnet.serve.DisclosureSearch;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code tdnet bench --only serve}: the busy day collected from the fake TDnet on a fresh embedded stack,
 * then {@code tdnet serve}'s {@code GET /api/disclosures?date=} timed over loopback HTTP (one client,
 * sequential requests after a warm-up): the first page at the default and at the largest limit, the
 * whole day paged through, and a text search that examines the whole day (what {@code q} costs).
 */
public final class ServeBench {
    static final LocalDate DAY = EndToEndBench.DAY;

    /** Latencies in milliseconds. */
    public record Latency(double p50, double p99, int requests) {}

    /**
     * @param stored         disclosures of the day in the archive
     * @param firstPage      {@code ?date=D} (100 rows)
     * @param largestPage    {@code ?date=D&limit=1000}
     * @param wholeDayMillis every page of the day at limit=1000, one after another
     * @param searchMillis   {@code ?date=D&q=…} matching nothing, examining the whole day (one request)
     * @param searchExamined rows that search examined
     * @param meanItemBytes  mean DynamoDB item size of the day's disclosures (names + values)
     */
    public record Result(long stored, Latency firstPage, Latency largestPage, double wholeDayMillis, int wholeDayRequests,
                         double searchMillis, int searchExamined, double meanItemBytes) {}

    private final int disclosures;
    private final long seed;
    private final int requests;

    public ServeBench(int disclosures, long seed, int requests) {
        this.disclosures = disclosures;
        this.seed = seed;
        this.requests = requests;
    }

    /**
     * {@link #run()} in a child JVM with the JVM's default collector, as the {@code tdnet} launcher starts
     * {@code tdnet serve}: the bench's own JVM runs Shenandoah for the paced lines, under which the same
     * requests took 3.7× as long at the median ({@code ?date=}: 24.7 ms against 6.6 ms with G1).
     */
    public Result runInChildJvm() throws Exception {
        Path errors = Files.createTempFile("tdnet-bench-serve-", ".log");
        try {
            Process child = new ProcessBuilder(new ChildJvm(ServeBench.class.getName()).command(List.of(),
                    List.of(Integer.toString(disclosures), Long.toString(seed), Integer.toString(requests))))
                    .redirectError(errors.toFile()).start();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!child.waitFor(10, TimeUnit.MINUTES) || child.exitValue() != 0) {
                child.destroyForcibly();
                throw new IllegalStateException("the serve bench's child JVM failed:\n" + out + Files.readString(errors));
            }
            String json = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("the serve bench's child JVM printed no result:\n" + out));
            return new ObjectMapper().readValue(json, Result.class);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** The child JVM of {@link #runInChildJvm()}: {@code DISCLOSURES SEED REQUESTS}, prints the result as one JSON line. */
    public static void main(String[] args) throws Exception {
        Result result = new ServeBench(Integer.parseInt(args[0]), Long.parseLong(args[1]), Integer.parseInt(args[2])).run();
        System.out.println(new ObjectMapper().writeValueAsString(result));
    }

    public Result run() throws Exception {
        Path dir = Files.createTempDirectory("tdnet-bench-serve-");
        try (EmbeddedEnvironment env = EmbeddedEnvironment.start(dir, "tdnet bench --only serve")) {
            try (FakeTdnet tdnet = FakeTdnet.start()) {
                tdnet.addDay(DAY, disclosures, seed);
                CollectOptions options = CollectOptions.unthrottled(TdnetOrigin.of(tdnet.baseUrl()));
                try (LocalPipeline pipeline = new LocalPipeline(env, options, Clock.systemUTC())) {
                    new Collector(pipeline, new PrintWriter(Writer.nullWriter()), CollectProgress.NONE).collect(DAY);
                }
            }
            var resources = env.resources();
            ExecutionSummary summary = new ExecutionQueries(env.dynamoDb(), resources.executionsTable()).latestFor(DAY).orElseThrow();
            ArchiveServer.Archive archive = new ArchiveServer.Archive(
                    new DisclosureArchive(env.dynamoDb(), resources.disclosuresTable(), Clock.systemUTC()),
                    new ExecutionQueries(env.dynamoDb(), resources.executionsTable()), env.s3(), resources.bucket());
            try (ArchiveServer server = ArchiveServer.start(archive, new ArchiveServer.Settings(
                    java.net.InetAddress.getLoopbackAddress(), 0, 100_000, 4))) {
                HttpClient http = HttpClient.newHttpClient();
                URI first = server.uri().resolve("/api/disclosures?date=" + DAY);
                URI largest = server.uri().resolve("/api/disclosures?date=" + DAY + "&limit=1000");
                time(http, first, 20);
                Latency firstPage = latency(time(http, first, requests));
                time(http, largest, 5);
                Latency largestPage = latency(time(http, largest, Math.max(20, requests / 5)));

                long t0 = System.nanoTime();
                int pages = 0;
                String cursor = null;
                do {
                    String body = get(http, server.uri().resolve("/api/disclosures?date=" + DAY + "&limit=1000"
                            + (cursor == null ? "" : "&cursor=" + cursor)));
                    cursor = field(body, "next_cursor");
                    pages++;
                } while (cursor != null);
                double wholeDay = (System.nanoTime() - t0) / 1e6;

                long s0 = System.nanoTime();
                String search = get(http, server.uri().resolve("/api/disclosures?date=" + DAY + "&q=zzzz-no-match"));
                double searchMillis = (System.nanoTime() - s0) / 1e6;
                int examined = Integer.parseInt(field(search, "examined"));
                return new Result(summary.stored(), firstPage, largestPage, wholeDay, pages, searchMillis, examined,
                        meanItemBytes(env, resources.disclosuresTable()));
            }
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    /** DynamoDB's item size: attribute names plus values (UTF-8 strings, numbers counted as their digits). */
    private static double meanItemBytes(EmbeddedEnvironment env, String table) {
        long[] sum = {0, 0};
        env.dynamoDb().queryPaginator(b -> b.tableName(table).indexName(Names.DISCLOSURES_BY_DATE_INDEX)
                        .keyConditionExpression("#d = :d").expressionAttributeNames(Map.of("#d", Attributes.DISCLOSED_DATE))
                        .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(DAY.toString()))))
                .items().forEach(item -> {
                    sum[0]++;
                    item.forEach((name, value) -> sum[1] += name.getBytes(StandardCharsets.UTF_8).length
                            + (value.s() != null ? value.s().getBytes(StandardCharsets.UTF_8).length : value.n() != null ? value.n().length() : 1));
                });
        return sum[0] == 0 ? 0 : sum[1] / (double) sum[0];
    }

    private static double[] time(HttpClient http, URI uri, int n) throws Exception {
        double[] millis = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            get(http, uri);
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        return millis;
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        return response.body();
    }

    /** A top-level string or number field of the answer (null when JSON null). */
    private static String field(String body, String name) throws Exception {
        var node = new ObjectMapper().readTree(body).get(name);
        return node == null || node.isNull() ? null : node.asText();
    }

    static Latency latency(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Latency(percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The search cap's cost at this item size: rows × size, in eventually consistent read units (4 KB = 0.5 RCU). */
    public static double capReadUnits(double meanItemBytes) {
        return DisclosureSearch.DEFAULT_EXAMINE_CAP * meanItemBytes / 4096 * 0.5;
    }
}
