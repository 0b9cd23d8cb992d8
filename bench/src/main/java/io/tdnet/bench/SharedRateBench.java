package io.tdnet.bench;

import io.tdnet.embedded.BlankEmulators;
import io.tdnet.faketdnet.FakeTdnet;
import io.tdnet.faketdnet.RecordedRequest;
import io.tdnet.model.Names;
import io.tdnet.model.Rate;
import io.tdnet.model.SlotSpacing;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.wiring.pacing.SendLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Several OS processes ({@link PacedClient}) sharing one R through one schedule served over HTTP on
 * loopback (DynamoDB Local behind its own handler, {@link BlankEmulators}), each requesting the fake
 * TDnet's first list page back to back: judged from the fake's arrival times and from the processes'
 * send instants, like {@link PolitenessBench}.
 */
public final class SharedRateBench {
    /** @param perProcess send instants per process, in start order */
    public record Result(int processes, double rate, double seconds, PolitenessBench.Sends server,
                         PolitenessBench.Sends senders, List<Integer> perProcess, SlotUse slotUse) {}

    static final AwsBasicCredentials KEYS = AwsBasicCredentials.create("bench", "bench-secret");

    /** Creates the pacer table on {@code endpoint} (what the stack or the embedded stack does). */
    public static void createPacerTable(java.net.URI endpoint) {
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(KEYS)).build()) {
            client.createTable(b -> b.tableName(Names.PACER_TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName(Names.PACER_KEY).attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName(Names.PACER_KEY).keyType(KeyType.HASH)));
        }
    }

    /** Starts {@code processes} child JVMs against {@code dynamoDb}; returns their send logs once all ended. */
    public static List<Path> runChildren(java.net.URI dynamoDb, int processes, String rate, int seconds, String tdnetUrl,
                                         String path, Path dir) throws Exception {
        List<Process> children = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                Path log = dir.resolve("sends-" + i + ".txt");
                logs.add(log);
                ProcessBuilder pb = new ProcessBuilder(new ChildJvm(PacedClient.class.getName()).command(ChildJvm.pacedOptions("-Xmx128m"),
                        List.of(dynamoDb.toString(), rate, Integer.toString(seconds), tdnetUrl, path, log.toString())))
                        .redirectErrorStream(true).redirectOutput(dir.resolve("child-" + i + ".log").toFile());
                pb.environment().put("AWS_ACCESS_KEY_ID", KEYS.accessKeyId());
                pb.environment().put("AWS_SECRET_ACCESS_KEY", KEYS.secretAccessKey());
                children.add(pb.start());
            }
            for (int i = 0; i < children.size(); i++) {
                Process child = children.get(i);
                if (!child.waitFor(seconds + 90L, TimeUnit.SECONDS) || child.exitValue() != 0) {
                    throw new IllegalStateException("paced child " + i + " did not end well:\n"
                            + Files.readString(dir.resolve("child-" + i + ".log")));
                }
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        return logs;
    }

    public Result run(int processes, double rate, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("tdnet-bench-shared-");
        try (BlankEmulators emulators = BlankEmulators.start(dir.resolve("s3"), "000000000000", "us-east-1");
             FakeTdnet fake = FakeTdnet.start()) {
            LocalDate day = PolitenessBench.DAY;
            fake.addDay(day, 10, 1);
            createPacerTable(emulators.dynamoDbEndpoint());
            TdnetOrigin origin = TdnetOrigin.of(fake.baseUrl());
            String path = origin.listPage(day, 1).toString().substring(origin.baseUrl().length());
            List<Path> logs = runChildren(emulators.dynamoDbEndpoint(), processes, Double.toString(rate), seconds,
                    origin.baseUrl(), path, dir);
            List<Long> sends = new ArrayList<>();
            List<Integer> perProcess = new ArrayList<>();
            List<SendLog.Entry> entries = new ArrayList<>();
            for (Path log : logs) {
                entries.addAll(SendLog.read(log));
                List<Long> own = PolitenessBench.sendInstants(log);
                perProcess.add(own.size());
                sends.addAll(own);
            }
            sends.sort(null);
            List<Long> arrivals = fake.requests().stream().map(RecordedRequest::nanoTime).sorted().toList();
            return new Result(processes, rate, seconds, PolitenessBench.Sends.of(arrivals, rate),
                    PolitenessBench.Sends.of(sends, rate), perProcess,
                    SlotUse.of(entries, SlotSpacing.sameClock(Rate.perSecond(rate)).spacingMicros()));
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

}
