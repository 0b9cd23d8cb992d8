package io.tdnet.infra;

import io.tdnet.model.Tdnet;
import software.amazon.awscdk.services.logs.RetentionDays;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything one deployment of the stack can vary, validated once. Built by {@link TdnetApp} from CDK
 * context (see infra/DEPLOY.md) and by the tests directly.
 *
 * <p><b>Politeness.</b> {@code rate} R is requests per second to TDnet for the whole deployment, list
 * pages and documents together, every function and CLI run included: it is the default of the stack
 * parameter {@link TdnetSchedule#RATE_PARAMETER}, and every process reserves its requests in the one
 * shared slot schedule ({@link TdnetSchedule}), so R holds however many downloader instances
 * ({@code downloaderConcurrency}, which only bounds parallel transfers) run. Default R = 1.
 *
 * @param stage                     deployment stage, appended to every resource name (default "prod")
 * @param jars                      the three shaded Lambda jars
 * @param rate                      R, requests per second to TDnet
 * @param downloaderConcurrency     the downloader event source's MaximumConcurrency (not a share of R)
 * @param persisterConcurrency      the persister event source's MaximumConcurrency
 * @param listerSchedule            EventBridge schedule expressions (UTC) that start the lister; empty: no schedule
 * @param listerReservedConcurrency reserved concurrency of the lister (1: two lists never overlap); 0: none
 * @param tdnetBaseUrl              TDnet list/document origin
 * @param userAgent                 User-Agent sent to TDnet
 * @param maxPdfBytes               largest document stored; larger is a permanent failure
 * @param logRetention              retention of the three functions' log groups
 * @param downloadAgeAlarm          oldest-message age on the download queue that raises an alarm
 * @param persistAgeAlarm           oldest-message age on the persist queue that raises an alarm
 * @param timings                   consumer timeouts and queue visibility ({@link StageTimings#prod()} by default)
 */
public record TdnetStackConfig(
        String stage,
        LambdaJars jars,
        double rate,
        int downloaderConcurrency,
        int persisterConcurrency,
        List<String> listerSchedule,
        int listerReservedConcurrency,
        String tdnetBaseUrl,
        String userAgent,
        long maxPdfBytes,
        RetentionDays logRetention,
        Duration downloadAgeAlarm,
        Duration persistAgeAlarm,
        StageTimings timings) {

    public static final String DEFAULT_STAGE = "prod";
    /** The stage the twin deploys: see {@link #twin(LambdaJars)}. */
    public static final String TWIN_STAGE = "twin";
    /** The twin's schedule: one rule (the twin invokes it on demand; the rate only has to be valid). */
    public static final List<String> TWIN_LISTER_SCHEDULE = List.of("rate(5 minutes)");
    public static final int DEFAULT_DOWNLOADER_CONCURRENCY = 2;
    public static final int DEFAULT_PERSISTER_CONCURRENCY = 5;

    /**
     * Business days in JST, written in UTC (JST = UTC+9, no daylight saving):
     * 08:00 and 08:30 JST Mon–Fri are 23:00 and 23:30 UTC Sun–Thu; 09:00–19:30 JST Mon–Fri are
     * 00:00–10:30 UTC Mon–Fri; the late sweep 23:30 JST Mon–Fri is 14:30 UTC Mon–Fri (same JST date,
     * catches evening disclosures).
     */
    public static final List<String> DEFAULT_LISTER_SCHEDULE = List.of(
            "cron(0/30 23 ? * SUN-THU *)",
            "cron(0/30 0-10 ? * MON-FRI *)",
            "cron(30 14 ? * MON-FRI *)");

    /** The highest R a deployment may ask for (also the stack parameter's MaxValue). */
    public static final int MAX_RATE = 10;

    /** Lower-case letters, digits and hyphens: the stage ends up in a bucket name. */
    private static final Pattern STAGE = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,14}[a-z0-9])?");
    private static final Pattern SCHEDULE = Pattern.compile("(cron|rate)\\(.+\\)");
    /** The SQS event source's MaximumConcurrency range. */
    private static final int MIN_EVENT_SOURCE_CONCURRENCY = 2;
    private static final int MAX_EVENT_SOURCE_CONCURRENCY = 1000;

    public TdnetStackConfig {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(jars, "jars");
        Objects.requireNonNull(tdnetBaseUrl, "tdnetBaseUrl");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(logRetention, "logRetention");
        Objects.requireNonNull(downloadAgeAlarm, "downloadAgeAlarm");
        Objects.requireNonNull(persistAgeAlarm, "persistAgeAlarm");
        Objects.requireNonNull(timings, "timings");
        listerSchedule = List.copyOf(listerSchedule);
        if (!STAGE.matcher(stage).matches()) {
            throw new IllegalArgumentException("stage must be 1-16 lower-case letters, digits or hyphens: " + stage);
        }
        if (!(rate > 0) || rate > MAX_RATE) {
            throw new IllegalArgumentException("rate must be > 0 and <= " + MAX_RATE + " requests/s: " + rate);
        }
        requireEventSourceConcurrency("downloaderConcurrency", downloaderConcurrency);
        requireEventSourceConcurrency("persisterConcurrency", persisterConcurrency);
        for (String expression : listerSchedule) {
            if (!SCHEDULE.matcher(expression).matches()) {
                throw new IllegalArgumentException("schedule expression must be cron(...) or rate(...): " + expression);
            }
        }
        if (listerReservedConcurrency < 0) {
            throw new IllegalArgumentException("listerReservedConcurrency must be >= 0: " + listerReservedConcurrency);
        }
        URI base = URI.create(tdnetBaseUrl);
        if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null
                || !tdnetBaseUrl.endsWith("/")) {
            throw new IllegalArgumentException("tdnetBaseUrl must be an http(s) URL ending in '/': " + tdnetBaseUrl);
        }
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
        if (maxPdfBytes <= 0) {
            throw new IllegalArgumentException("maxPdfBytes must be positive: " + maxPdfBytes);
        }
        if (downloadAgeAlarm.isNegative() || downloadAgeAlarm.isZero()
                || persistAgeAlarm.isNegative() || persistAgeAlarm.isZero()) {
            throw new IllegalArgumentException("queue age alarm thresholds must be positive");
        }
    }

    private static void requireEventSourceConcurrency(String name, int value) {
        if (value < MIN_EVENT_SOURCE_CONCURRENCY || value > MAX_EVENT_SOURCE_CONCURRENCY) {
            throw new IllegalArgumentException(name + " must be between " + MIN_EVENT_SOURCE_CONCURRENCY
                    + " and " + MAX_EVENT_SOURCE_CONCURRENCY + " (SQS event source MaximumConcurrency): " + value);
        }
    }

    /** The defaults of a production deployment of the given jars. */
    public static Builder builder(LambdaJars jars) {
        return new Builder(jars);
    }

    /**
     * The twin stage: production in every respect except these, the ONLY differences (docs/TWIN.md lists
     * them too) — the stage name {@value #TWIN_STAGE}; {@link StageTimings#twin()} (consumer timeouts and
     * queue visibility scaled down so a day of faults runs in minutes); one schedule rule
     * {@link #TWIN_LISTER_SCHEDULE} instead of the business-day crons (the twin invokes it on demand).
     */
    public static TdnetStackConfig twin(LambdaJars jars) {
        return builder(jars)
                .stage(TWIN_STAGE)
                .timings(StageTimings.twin())
                .listerSchedule(TWIN_LISTER_SCHEDULE)
                .build();
    }

    /** Builds a config from the defaults, overriding what the caller sets. */
    public static final class Builder {
        private String stage = DEFAULT_STAGE;
        private final LambdaJars jars;
        private double rate = Tdnet.DEFAULT_RATE;
        private int downloaderConcurrency = DEFAULT_DOWNLOADER_CONCURRENCY;
        private int persisterConcurrency = DEFAULT_PERSISTER_CONCURRENCY;
        private List<String> listerSchedule = DEFAULT_LISTER_SCHEDULE;
        private int listerReservedConcurrency = 1;
        private String tdnetBaseUrl = Tdnet.DEFAULT_BASE_URL;
        private String userAgent = Tdnet.DEFAULT_USER_AGENT;
        private long maxPdfBytes = Tdnet.DEFAULT_MAX_PDF_BYTES;
        private RetentionDays logRetention = RetentionDays.THREE_MONTHS;
        private Duration downloadAgeAlarm = Duration.ofHours(3);
        private Duration persistAgeAlarm = Duration.ofMinutes(30);
        private StageTimings timings = StageTimings.prod();

        private Builder(LambdaJars jars) {
            this.jars = jars;
        }

        public Builder stage(String v) { this.stage = v; return this; }
        public Builder rate(double v) { this.rate = v; return this; }
        public Builder downloaderConcurrency(int v) { this.downloaderConcurrency = v; return this; }
        public Builder persisterConcurrency(int v) { this.persisterConcurrency = v; return this; }
        public Builder listerSchedule(List<String> v) { this.listerSchedule = v; return this; }
        public Builder listerReservedConcurrency(int v) { this.listerReservedConcurrency = v; return this; }
        public Builder tdnetBaseUrl(String v) { this.tdnetBaseUrl = v; return this; }
        public Builder userAgent(String v) { this.userAgent = v; return this; }
        public Builder maxPdfBytes(long v) { this.maxPdfBytes = v; return this; }
        public Builder logRetention(RetentionDays v) { this.logRetention = v; return this; }
        public Builder downloadAgeAlarm(Duration v) { this.downloadAgeAlarm = v; return this; }
        public Builder persistAgeAlarm(Duration v) { this.persistAgeAlarm = v; return this; }
        public Builder timings(StageTimings v) { this.timings = v; return this; }

        public TdnetStackConfig build() {
            return new TdnetStackConfig(stage, jars, rate, downloaderConcurrency, persisterConcurrency,
                    listerSchedule, listerReservedConcurrency, tdnetBaseUrl, userAgent, maxPdfBytes,
                    logRetention, downloadAgeAlarm, persistAgeAlarm, timings);
        }
    }
}
