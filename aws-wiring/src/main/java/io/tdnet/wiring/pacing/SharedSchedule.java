package io.tdnet.wiring.pacing;

import io.tdnet.model.Pacer;
import io.tdnet.model.Rate;
import io.tdnet.model.SlotSpacing;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.wiring.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Joins the deployment's one TDnet schedule: the only way a process gets its {@link Pacer}. Against a
 * remote endpoint (AWS) the clock offset is measured on the first permit ({@link EndpointTime}); an
 * endpoint on loopback (the AWS twin's gateway) or an in-process DynamoDB Local keeps time by this
 * machine's clock, offset 0 by construction, and its slots budget no skew ({@link SlotSpacing#sameClock}).
 * An unthrottled rate bypasses the
 * schedule and is refused unless the origin is on loopback (the fake TDnet).
 */
public final class SharedSchedule {
    private SharedSchedule() {}

    /**
     * The pacer for {@code rate} through a DynamoDB endpoint reached over HTTP.
     *
     * @param clockSynchronised this machine's clock is kept in sync by the platform (Lambda), so bounds
     *                          consistent with offset 0 are taken as 0 rather than refused
     */
    public static Pacer overHttp(AwsClients aws, String table, Rate rate, TdnetOrigin origin, boolean clockSynchronised,
                                 SharedPacer.Observer observer) {
        if (unthrottledAllowed(rate, origin)) return Pacer.unthrottled();
        if (aws.endpoint().filter(SharedSchedule::onThisMachine).isPresent()) {
            // an endpoint on loopback (the AWS twin, a local DynamoDB) keeps time by this machine's clock, and so
            // does every process sharing it: no skew to budget for
            return new SharedPacer(new DynamoSlotStore(aws.dynamoDb(), table), SlotSpacing.sameClock(rate),
                    ScheduleClock.system(0), observer);
        }
        SlotSpacing spacing = SlotSpacing.of(rate);
        EndpointTime endpointTime = new EndpointTime();
        DynamoDbClient dynamoDb = aws.dynamoDb(endpointTime);
        return new MeasuredOnFirstUse(() -> {
            EndpointTime.Offset offset = endpointTime.measure(() -> probe(dynamoDb, table), spacing.skew(), clockSynchronised);
            return new SharedPacer(new DynamoSlotStore(dynamoDb, table), spacing,
                    ScheduleClock.system(offset.estimateMicros()), observer);
        });
    }

    /** The pacer for {@code rate} through a DynamoDB Local running in this JVM (no HTTP, same clock). */
    public static Pacer inProcess(DynamoDbClient dynamoDb, String table, Rate rate, TdnetOrigin origin,
                                  SharedPacer.Observer observer) {
        if (unthrottledAllowed(rate, origin)) return Pacer.unthrottled();
        return new SharedPacer(new DynamoSlotStore(dynamoDb, table), SlotSpacing.sameClock(rate), ScheduleClock.system(0), observer);
    }

    private static boolean unthrottledAllowed(Rate rate, TdnetOrigin origin) {
        if (!rate.unthrottled()) return false;
        if (!origin.loopback()) {
            throw new IllegalArgumentException("an unthrottled rate (0) is only allowed against a TDnet on this machine"
                    + " (the fake); " + origin + " is not on loopback: give a rate such as 1");
        }
        return true;
    }

    private static boolean onThisMachine(java.net.URI endpoint) {
        return endpoint.getHost() != null && TdnetOrigin.of(endpoint.getScheme() + "://" + endpoint.getHost()).loopback();
    }

    private static void probe(DynamoDbClient dynamoDb, String table) {
        dynamoDb.getItem(b -> b.tableName(table).key(Map.of(DynamoSlotStore.KEY, AttributeValue.fromS(DynamoSlotStore.KEY_VALUE))));
    }

    /** Builds the pacer (measuring the clock offset) when the first permit is asked for, not at init. */
    private static final class MeasuredOnFirstUse implements Pacer {
        interface Builder {
            SharedPacer build() throws InterruptedException;
        }

        private final Builder builder;
        private SharedPacer pacer;

        MeasuredOnFirstUse(Builder builder) {
            this.builder = builder;
        }

        private synchronized SharedPacer pacer() throws InterruptedException {
            if (pacer == null) pacer = builder.build();
            return pacer;
        }

        @Override
        public Duration acquire() throws InterruptedException {
            return pacer().acquire();
        }

        @Override
        public Slot reserve(Duration connectLead) throws InterruptedException {
            return pacer().reserve(connectLead);
        }

        @Override
        public void pushBack(Instant until) {
            SharedPacer built;
            synchronized (this) {
                built = pacer;
            }
            // a push-back comes from an answer, so a permit (and the measurement) came first
            if (built != null) built.pushBack(until);
        }
    }
}
