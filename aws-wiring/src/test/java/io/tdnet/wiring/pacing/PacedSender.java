package io.tdnet.wiring.pacing;

import io.tdnet.model.Names;
import io.tdnet.model.Pacer;
import io.tdnet.model.Rate;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.tdnetclient.HttpSettings;
import io.tdnet.tdnetclient.RetryPlan;
import io.tdnet.tdnetclient.TdnetClient;
import io.tdnet.tdnetclient.TdnetFailure;
import io.tdnet.wiring.AwsClients;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A child JVM of {@link SharedScheduleIT}: one process toward "TDnet" (the test's loopback server)
 * through {@link TdnetClient} and the shared schedule over HTTP, like a Lambda or {@code collect --aws}.
 * Writes one line per permit: the send instant in microseconds since the epoch.
 *
 * <p>Arguments: DynamoDB endpoint, rate, seconds to keep sending, TDnet base URL, output file.
 */
public final class PacedSender {
    private PacedSender() {}

    public static void main(String[] args) throws Exception {
        URI dynamoDb = URI.create(args[0]);
        Rate rate = Rate.parse("rate", args[1]);
        Duration runFor = Duration.ofSeconds(Long.parseLong(args[2]));
        TdnetOrigin origin = TdnetOrigin.of(args[3]);
        Path out = Path.of(args[4]);
        try (PrintWriter sends = new PrintWriter(Files.newBufferedWriter(out), true)) {
            Pacer pacer = SharedSchedule.overHttp(AwsClients.forCli(null, "us-east-1", dynamoDb.toString()),
                    Names.PACER_TABLE, rate, origin, false, new SharedPacer.Observer() {
                        @Override
                        public void sending(long slotMicros, long nowMicros) {
                            // the instant the pacer let the request go (same clock as the test: offset 0 on loopback)
                            sends.println(nowMicros);
                        }
                    });
            RetryPlan plan = new RetryPlan(3, Duration.ofMillis(100), Duration.ofSeconds(1), 0, Duration.ofSeconds(30));
            TdnetClient client = new TdnetClient(origin, pacer, HttpSettings.defaults(plan), Clock.systemUTC(),
                    TdnetClient.Observer.NONE);
            long until = System.nanoTime() + runFor.toNanos();
            while (System.nanoTime() < until) {
                try {
                    client.get(origin.base().resolve("page"), "text/html", r -> r.body().readAllBytes().length);
                } catch (TdnetFailure f) {
                    System.err.println("failed: " + f.getMessage());
                }
            }
        }
    }
}
