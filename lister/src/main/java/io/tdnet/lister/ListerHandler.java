package io.tdnet.lister;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.tdnet.ledger.DisclosureArchive;
import io.tdnet.ledger.ExecutionLedger;
import io.tdnet.ledger.ListingLeases;
import io.tdnet.model.EnvVars;
import io.tdnet.model.PipelineResources;
import io.tdnet.model.RequestPacer;
import io.tdnet.model.Tdnet;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.telemetry.EmfMetrics;
import java.time.Duration;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The scheduled lister Lambda: lists today in JST, or the date in the event's {@code detail.date}
 * ({@code {"detail": {"date": "2026-02-13"}}} for a manual backfill), through the same
 * {@link DisclosureLister} the CLI runs. While an execution of that date is RUNNING the run leaves it
 * alone (its downloads are still being paced); the next scheduled run picks the date up again.
 */
public final class ListerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    /** The {@code Component} dimension of this Lambda's metrics. */
    public static final String COMPONENT = "lister";
    /** Within the function's timeout: a lease a dead lister holds expires well before this. */
    static final java.time.Duration MAX_LEASE_WAIT = java.time.Duration.ofMinutes(3);

    private final DisclosureLister lister;
    private final Clock clock;
    private final EmfMetrics metrics;

    public ListerHandler() {
        this(System.getenv(), Clock.systemUTC());
    }

    ListerHandler(Map<String, String> env, Clock clock) {
        this(wire(env, clock), clock);
    }

    public ListerHandler(DisclosureLister lister, Clock clock) {
        this(lister, clock, EmfMetrics.toStdout(COMPONENT));
    }

    /** For tests and other wiring: metrics flushed once per invocation. */
    public ListerHandler(DisclosureLister lister, Clock clock, EmfMetrics metrics) {
        this.lister = lister;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        long started = System.nanoTime();
        try {
            LocalDate date = targetDate(event);
            ListingResult result;
            try {
                result = lister.list(date);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while listing " + date, e);
            }
            if (result.accepted()) {
                metrics.listed(result.summary().listed());
                metrics.enqueued(result.enqueued());
            } else {
                // a listing failure ends the execution here; settled executions end in the persister
                metrics.executionFinished(result.summary().status(), Duration.ofNanos(System.nanoTime() - started));
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("date", date.toString());
            response.put("execution_id", result.summary().executionId());
            response.put("status", result.summary().status().name());
            response.put("listed", result.summary().listed());
            response.put("already_present", result.summary().alreadyPresent());
            response.put("in_flight", result.summary().inFlight());
            response.put("enqueued", result.enqueued());
            if (!result.accepted()) response.put("reason", result.failure());
            return response;
        } finally {
            metrics.flush(); // one EMF flush per invocation, also when it throws
        }
    }

    LocalDate targetDate(ScheduledEvent event) {
        Object date = event == null || event.getDetail() == null ? null : event.getDetail().get("date");
        return date == null ? LocalDate.now(clock.withZone(Tdnet.JST)) : LocalDate.parse(date.toString());
    }

    private static DisclosureLister wire(Map<String, String> env, Clock clock) {
        PipelineResources resources = PipelineResources.fromEnvironment(env);
        Region region = Region.of(env.getOrDefault("AWS_REGION", "us-east-1"));
        String endpoint = env.get(EnvVars.AWS_ENDPOINT_URL);
        var sqsBuilder = SqsClient.builder().region(region)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create());
        var dynamoBuilder = DynamoDbClient.builder().region(region)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null && !endpoint.isBlank()) {
            sqsBuilder.endpointOverride(URI.create(endpoint));
            dynamoBuilder.endpointOverride(URI.create(endpoint));
        }
        DynamoDbClient dynamo = dynamoBuilder.build();
        TdnetOrigin origin = TdnetOrigin.of(env.getOrDefault(EnvVars.TDNET_BASE_URL, Tdnet.DEFAULT_BASE_URL));
        // the lister runs before its messages are sent, so it may use the whole rate
        RequestPacer pacer = RequestPacer.perSecond(Double.parseDouble(env.getOrDefault(EnvVars.TDNET_RATE, "1")));
        TdnetPageClient pages = new TdnetPageClient(origin, pacer,
                TdnetPageClient.Settings.defaults().withUserAgent(env.getOrDefault(EnvVars.USER_AGENT, Tdnet.DEFAULT_USER_AGENT)));
        return new DisclosureLister(new DayListingReader(pages),
                new ExecutionLedger(dynamo, resources.executionsTable(), resources.disclosuresTable(), clock),
                new ListingLeases(dynamo, resources.executionsTable(), clock, ListingLeases.DEFAULT_DURATION),
                "lister-lambda:" + java.util.UUID.randomUUID(), MAX_LEASE_WAIT,
                new DisclosureArchive(dynamo, resources.disclosuresTable(), clock),
                sqsBuilder.build(), resources.downloadQueueUrl(), new ExecutionIds(clock));
    }
}
