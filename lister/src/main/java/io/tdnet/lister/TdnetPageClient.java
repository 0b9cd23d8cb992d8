package io.tdnet.lister;

import io.tdnet.model.Pacer;
import io.tdnet.model.TdnetOrigin;
import io.tdnet.tdnetclient.HttpSettings;
import io.tdnet.tdnetclient.RetryPlan;
import io.tdnet.tdnetclient.TdnetClient;
import io.tdnet.tdnetclient.TdnetFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * List pages over the shared {@link TdnetClient} (origin, pacing, retries, {@code Retry-After}); what
 * is the lister's own is here: 404 is an answer (the page does not exist), and a body is capped.
 *
 * <p>Thread-safe; one instance per origin and pacer.
 */
public final class TdnetPageClient implements ListPageSource {
    private static final Logger log = LoggerFactory.getLogger(TdnetPageClient.class);

    /**
     * How the client talks to TDnet.
     *
     * @param http User-Agent, timeouts and the in-process retries
     * @param maxBodyBytes a page larger than this is refused (a list page is ~100 KB)
     */
    public record Settings(HttpSettings http, long maxBodyBytes) {
        private static final double JITTER = 0.25;

        public Settings {
            Objects.requireNonNull(http, "http");
            if (maxBodyBytes < 1) throw new IllegalArgumentException("maxBodyBytes must be positive");
        }

        /** 10 s connect, 30 s read, 4 attempts, backoff 1 s → 30 s, Retry-After up to 2 min, 5 MB pages. */
        public static Settings defaults() {
            return new Settings(HttpSettings.defaults(new RetryPlan(4, Duration.ofSeconds(1), Duration.ofSeconds(30),
                    JITTER, Duration.ofMinutes(2))), 5L * 1024 * 1024);
        }

        public String userAgent() {
            return http.userAgent();
        }

        public Settings withUserAgent(String ua) {
            return new Settings(http.withUserAgent(ua), maxBodyBytes);
        }

        public Settings withTimeouts(Duration connect, Duration read) {
            return new Settings(http.withTimeouts(connect, read), maxBodyBytes);
        }

        /** {@code attempts} per page, waiting {@code initial} doubling up to {@code max} (which must exceed it). */
        public Settings withRetries(int attempts, Duration initial, Duration max) {
            if (max.compareTo(initial) <= 0) throw new IllegalArgumentException("maxBackoff must exceed initialBackoff");
            RetryPlan r = http.retry();
            return new Settings(http.withRetry(new RetryPlan(attempts, initial, max, r.jitter(), r.retryAfterCap())), maxBodyBytes);
        }

        public Settings withMaxRetryAfter(Duration d) {
            RetryPlan r = http.retry();
            return new Settings(http.withRetry(new RetryPlan(r.attempts(), r.backoffBase(), r.backoffMax(), r.jitter(), d)),
                    maxBodyBytes);
        }

        public Settings withMaxBodyBytes(long bytes) {
            return new Settings(http, bytes);
        }
    }

    private final TdnetClient client;
    private final long maxBodyBytes;

    public TdnetPageClient(TdnetOrigin origin, Pacer pacer, Settings settings) {
        this(origin, pacer, settings, Clock.systemUTC());
    }

    public TdnetPageClient(TdnetOrigin origin, Pacer pacer, Settings settings, Clock clock) {
        this.client = new TdnetClient(origin, pacer, settings.http(), clock, new TdnetClient.Observer() {
            @Override
            public void retrying(URI url, int failedAttempts, TdnetFailure failure) {
                log.warn("{}: attempt {} of {} after {}", url, failedAttempts + 1, settings.http().retry().attempts(),
                        failure.getMessage());
            }
        });
        this.maxBodyBytes = settings.maxBodyBytes();
    }

    public TdnetOrigin origin() {
        return client.origin();
    }

    @Override
    public URI url(LocalDate date, int page) {
        return client.origin().listPage(date, page);
    }

    @Override
    public PageResponse fetch(LocalDate date, int page) throws PageFetchException, InterruptedException {
        return get(url(date, page));
    }

    /** GETs a page under the origin: 200 → Found, 404 → NotFound, anything else after retries → exception. */
    public PageResponse get(URI url) throws PageFetchException, InterruptedException {
        try {
            return new PageResponse.Found(url, client.get(url, "text/html", this::readCapped));
        } catch (TdnetFailure f) {
            if (f.status() == 404) return new PageResponse.NotFound(url);
            RetryPlan plan = client.settings().retry();
            String why;
            if (!f.isTransient()) {
                why = f.status() >= 300 ? "answered " + f.getMessage() : f.getMessage();
            } else if (!plan.waitsInProcess(f.retryAfter())) {
                why = f.getMessage() + ", longer than the " + plan.retryAfterCap().toSeconds() + " s we wait";
            } else {
                why = f.getMessage() + " (gave up after " + plan.attempts() + " attempts)";
            }
            throw new PageFetchException(url, why, f.getCause() != null ? f.getCause() : f);
        }
    }

    private byte[] readCapped(TdnetClient.Response response) throws IOException, TdnetFailure {
        long declared = response.contentLength();
        if (declared > maxBodyBytes) {
            throw TdnetFailure.permanent("declares a body of " + declared + " bytes, over the cap of " + maxBodyBytes, 200);
        }
        InputStream in = response.body();
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 64 * 1024);
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
            if (total > maxBodyBytes) {
                throw TdnetFailure.permanent("body exceeds the cap of " + maxBodyBytes + " bytes", 200);
            }
            out.write(buf, 0, n);
        }
        if (declared >= 0 && total != declared) {
            throw new IOException("body of " + total + " bytes, Content-Length said " + declared);
        }
        return out.toByteArray();
    }
}
