package io.tdnet.lister;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.tdnet.model.RequestPacer;
import io.tdnet.model.Tdnet;
import io.tdnet.model.TdnetOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs TDnet list pages politely and defensively: every attempt (retries included) first takes a permit
 * from the shared {@link RequestPacer}; redirects are not followed (a redirect is a failed read, not a
 * page); the body is capped; timeouts, resets, truncated bodies, 5xx and 429 are retried a bounded
 * number of times with exponential backoff and jitter, honouring {@code Retry-After}.
 *
 * <p>Thread-safe; one instance per origin and pacer.
 */
public final class TdnetPageClient implements ListPageSource {
    private static final Logger log = LoggerFactory.getLogger(TdnetPageClient.class);
    private static final double JITTER = 0.25;
    private static final Duration USE_BACKOFF = Duration.ofNanos(-1);

    /**
     * How the client talks to TDnet.
     *
     * @param userAgent sent on every request
     * @param maxAttempts attempts per page, the first included
     * @param initialBackoff delay before the first retry; doubles up to {@code maxBackoff}
     * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails the read at once
     * @param maxBodyBytes a page larger than this is refused (a list page is ~100 KB)
     */
    public record Settings(String userAgent, Duration connectTimeout, Duration readTimeout, int maxAttempts,
                           Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                           long maxBodyBytes) {
        public Settings {
            Objects.requireNonNull(userAgent, "userAgent");
            if (userAgent.isBlank()) throw new IllegalArgumentException("userAgent must not be blank");
            positive(connectTimeout, "connectTimeout");
            positive(readTimeout, "readTimeout");
            positive(initialBackoff, "initialBackoff");
            positive(maxRetryAfter, "maxRetryAfter");
            if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
            if (maxBackoff.compareTo(initialBackoff) <= 0) {
                throw new IllegalArgumentException("maxBackoff must exceed initialBackoff");
            }
            if (maxBodyBytes < 1) throw new IllegalArgumentException("maxBodyBytes must be positive");
        }

        /** 10 s connect, 30 s read, 4 attempts, backoff 1 s → 30 s, Retry-After up to 2 min, 5 MB pages. */
        public static Settings defaults() {
            return new Settings(Tdnet.DEFAULT_USER_AGENT, Duration.ofSeconds(10), Duration.ofSeconds(30), 4,
                    Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2), 5L * 1024 * 1024);
        }

        public Settings withUserAgent(String ua) {
            return new Settings(ua, connectTimeout, readTimeout, maxAttempts, initialBackoff, maxBackoff,
                    maxRetryAfter, maxBodyBytes);
        }

        public Settings withTimeouts(Duration connect, Duration read) {
            return new Settings(userAgent, connect, read, maxAttempts, initialBackoff, maxBackoff,
                    maxRetryAfter, maxBodyBytes);
        }

        public Settings withRetries(int attempts, Duration initial, Duration max) {
            return new Settings(userAgent, connectTimeout, readTimeout, attempts, initial, max,
                    maxRetryAfter, maxBodyBytes);
        }

        public Settings withMaxRetryAfter(Duration d) {
            return new Settings(userAgent, connectTimeout, readTimeout, maxAttempts, initialBackoff, maxBackoff,
                    d, maxBodyBytes);
        }

        public Settings withMaxBodyBytes(long bytes) {
            return new Settings(userAgent, connectTimeout, readTimeout, maxAttempts, initialBackoff, maxBackoff,
                    maxRetryAfter, bytes);
        }

        private static void positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private final TdnetOrigin origin;
    private final RequestPacer pacer;
    private final Settings settings;
    private final RetryPolicy<PageResponse> retryPolicy;

    public TdnetPageClient(TdnetOrigin origin, RequestPacer pacer, Settings settings) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.retryPolicy = RetryPolicy.<PageResponse>builder()
                .handle(TransientFailure.class)
                .abortIf((PageResponse r, Throwable t) -> t instanceof TransientFailure f
                        && f.retryAfter != null && f.retryAfter.compareTo(settings.maxRetryAfter()) > 0)
                .withMaxAttempts(settings.maxAttempts())
                .withBackoff(settings.initialBackoff(), settings.maxBackoff())
                .withJitter(JITTER)
                // Retry-After wins over the backoff; scaled so that the jitter never makes it shorter.
                // A negative duration tells Failsafe to use the backoff (null would fail in 3.3.2).
                .withDelayFnOn(ctx -> {
                    TransientFailure f = ctx.getLastException();
                    return f == null || f.retryAfter == null ? USE_BACKOFF
                            : Duration.ofNanos(Math.round(f.retryAfter.toNanos() / (1 - JITTER)));
                }, TransientFailure.class)
                .build();
    }

    public TdnetOrigin origin() {
        return origin;
    }

    @Override
    public URI url(LocalDate date, int page) {
        return origin.listPage(date, page);
    }

    @Override
    public PageResponse fetch(LocalDate date, int page) throws PageFetchException, InterruptedException {
        return get(url(date, page));
    }

    /** GETs a page under the origin: 200 → Found, 404 → NotFound, anything else after retries → exception. */
    public PageResponse get(URI url) throws PageFetchException, InterruptedException {
        if (!origin.contains(url)) {
            throw new PageFetchException(url, "not under the TDnet origin " + origin + "; not requested", null);
        }
        try {
            return Failsafe.with(retryPolicy).get(ctx -> {
                if (ctx.isRetry()) {
                    log.warn("{}: attempt {} of {} after {}", url, ctx.getAttemptCount() + 1,
                            settings.maxAttempts(), ctx.getLastException().getMessage());
                }
                return attempt(url);
            });
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw ie;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while retrying " + url);
            }
            if (cause instanceof PageFetchException pfe) throw pfe;
            if (cause instanceof TransientFailure tf) {
                String why = tf.retryAfter != null && tf.retryAfter.compareTo(settings.maxRetryAfter()) > 0
                        ? tf.getMessage() + " with Retry-After " + tf.retryAfter.toSeconds()
                                + " s, longer than the " + settings.maxRetryAfter().toSeconds() + " s we wait"
                        : tf.getMessage() + " (gave up after " + settings.maxAttempts() + " attempts)";
                throw new PageFetchException(url, why, tf.getCause() != null ? tf.getCause() : tf);
            }
            throw new PageFetchException(url, String.valueOf(cause), cause);
        }
    }

    private PageResponse attempt(URI url) throws InterruptedException, PageFetchException, TransientFailure {
        pacer.acquire();
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) url.toURL().openConnection();
        } catch (IOException e) {
            throw new PageFetchException(url, "cannot open a connection: " + e, e);
        }
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
        c.setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()));
        c.setRequestProperty("User-Agent", settings.userAgent());
        c.setRequestProperty("Accept", "text/html");
        boolean reusable = false;
        try {
            int status = c.getResponseCode();
            if (status == HttpURLConnection.HTTP_OK) {
                byte[] body = readCapped(url, c);
                reusable = true;
                return new PageResponse.Found(url, body);
            }
            drain(c);
            reusable = true;
            if (status == HttpURLConnection.HTTP_NOT_FOUND) {
                return new PageResponse.NotFound(url);
            }
            if (status == 429) {
                throw new TransientFailure("HTTP 429", retryAfter(c.getHeaderField("Retry-After")), null);
            }
            if (status >= 500) {
                throw new TransientFailure("HTTP " + status, null, null);
            }
            if (status >= 300 && status < 400) {
                throw new PageFetchException(url, "answered HTTP " + status + " redirecting to '"
                        + c.getHeaderField("Location") + "'; a list page is never a redirect (not followed)", null);
            }
            throw new PageFetchException(url, "answered HTTP " + status, null);
        } catch (IOException e) {
            throw new TransientFailure(e.getClass().getSimpleName() + ": " + e.getMessage(), null, e);
        } finally {
            if (!reusable) c.disconnect();
        }
    }

    private byte[] readCapped(URI url, HttpURLConnection c) throws IOException, PageFetchException {
        long max = settings.maxBodyBytes();
        long declared = c.getContentLengthLong();
        if (declared > max) {
            throw new PageFetchException(url, "declares a body of " + declared + " bytes, over the cap of " + max, null);
        }
        try (InputStream in = c.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 64 * 1024);
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) != -1) {
                total += n;
                if (total > max) {
                    throw new PageFetchException(url, "body exceeds the cap of " + max + " bytes", null);
                }
                out.write(buf, 0, n);
            }
            if (declared >= 0 && total != declared) {
                throw new IOException("body of " + total + " bytes, Content-Length said " + declared);
            }
            return out.toByteArray();
        }
    }

    private static void drain(HttpURLConnection c) {
        try (InputStream err = c.getErrorStream()) {
            if (err != null) err.readNBytes(64 * 1024);
        } catch (IOException ignored) {
            // The status is what matters; the connection is not reused if this fails.
        }
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** A failure worth another attempt; {@code retryAfter} is the server's wish for 429, else null. */
    static final class TransientFailure extends Exception {
        final Duration retryAfter;

        TransientFailure(String message, Duration retryAfter, Throwable cause) {
            super(message, cause);
            this.retryAfter = retryAfter;
        }
    }
}
