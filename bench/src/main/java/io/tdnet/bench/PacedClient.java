package io.tdnet.bench;

import io.tdnet.model.Names;
import io.tdnet.model.Pacer;
import io.tdnet.model.Rate;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.tdnetclient.HttpSettings;
import io.tdnet.tdnetclient.RetryPlan;
import io.tdnet.tdnetclient.TdnetClient;
import io.tdnet.tdnetclient.TdnetFailure;
import io.tdnet.wiring.AwsClients;
import io.tdnet.wiring.pacing.SendLog;
import io.tdnet.wiring.pacing.SharedSchedule;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * One OS process toward TDnet as a Lambda or {@code collect --aws} is one: {@link TdnetClient} paced by
 * the shared schedule on a DynamoDB endpoint over HTTP. It requests {@code path} under the TDnet URL
 * back to back for a while and appends what its pacer did ({@link SendLog}) to a log that several
 * processes share. The multi-process politeness benchmark and its IT start several of these.
 *
 * <p>Arguments: DynamoDB endpoint URL, rate, seconds, TDnet base URL, path under it, send log.
 */
public final class PacedClient {
    private PacedClient() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: PacedClient DYNAMODB-URL RATE SECONDS TDNET-URL PATH SEND-LOG");
            System.exit(2);
        }
        URI dynamoDb = URI.create(args[0]);
        Rate rate = Rate.parse("rate", args[1]);
        Duration runFor = Duration.ofSeconds(Long.parseLong(args[2]));
        TdnetOrigin origin = TdnetOrigin.of(args[3]);
        URI target = origin.base().resolve(args[4]);
        Path sendLog = Path.of(args[5]);
        Pacer pacer = SharedSchedule.overHttp(AwsClients.forCli(null, "us-east-1", dynamoDb.toString()),
                Names.PACER_TABLE, rate, origin, false, new SendLog(sendLog));
        RetryPlan plan = new RetryPlan(3, Duration.ofMillis(100), Duration.ofSeconds(1), 0, Duration.ofSeconds(30));
        TdnetClient client = new TdnetClient(origin, pacer, HttpSettings.defaults(plan), Clock.systemUTC(), TdnetClient.Observer.NONE);
        long until = System.nanoTime() + runFor.toNanos();
        int failed = 0;
        while (System.nanoTime() < until) {
            try {
                client.get(target, "*/*", r -> r.body().readAllBytes().length);
            } catch (TdnetFailure f) {
                failed++;
                System.err.println("request failed: " + f.getMessage());
            }
        }
        System.out.println("failed " + failed);
    }
}
