package io.tdnet.tdnetclient;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.tdnet.model.Pacer;
import io.tdnet.model.TdnetOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one component that sends requests to TDnet, for list pages and documents alike.
 *
 * <ul>
 *   <li>Only URLs under the {@link TdnetOrigin} are requested; anything else fails permanently unsent.
 *   <li>Every attempt (retries included) reserves a slot from the {@link Pacer}, connects shortly
 *       before it (twice the slowest of the last eight connects, at most 100 ms) and sends only if the slot is still
 *       within the pacer's tolerance, so the limit holds for the instant the request goes out; no
 *       connection sits idle while the pacer makes it wait.
 *   <li>The configured User-Agent and timeouts on every request; redirects are never followed.
 *   <li>The status is classified once ({@link StatusClass}); a {@code Retry-After} is read on the
 *       injected clock and handed to the pacer (bounded by the plan's cap) so that no other request
 *       goes out before it either.
 *   <li>Transient failures are retried per {@link RetryPlan} with Failsafe; the last failure is thrown
 *       as a {@link TdnetFailure}.
 * </ul>
 *
 * <p>The caller's {@link BodyReader} reads a 200 answer (list page parsing, PDF streaming to S3); its
 * {@link IOException}s are transient, its {@link TdnetFailure}s keep their kind. {@link HttpURLConnection}
 * because it is in the JDK (nothing to load on a Lambda cold start) and gives exactly what is needed:
 * per-read timeouts and no redirects. Thread-safe.
 */
public final class TdnetClient {
    /** Reads the body of a 200 answer. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(Response response) throws IOException, TdnetFailure;
    }

    /**
     * A 200 answer: the body stream (the reader need not close it) and the declared length (−1 if
     * none).
     */
    public record Response(URI url, long contentLength, InputStream body) {}

    /** What the caller wants to know about the component's work (metrics, logs); no-ops by default. */
    public interface Observer {
        default void pacerWaited(Duration waited) {}

        default void retrying(URI url, int failedAttempts, TdnetFailure failure) {}

        Observer NONE = new Observer() {};
    }

    private final TdnetOrigin origin;
    private final Pacer pacer;
    private final HttpSettings settings;
    private final Clock clock;
    private final Observer observer;
    /** How long before its slot a request starts connecting. */
    private final ConnectLead connectLead = new ConnectLead();

    public TdnetClient(TdnetOrigin origin, Pacer pacer, HttpSettings settings, Clock clock, Observer observer) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.observer = Objects.requireNonNull(observer, "observer");
        RequestPathWarmUp.run(settings.userAgent(), "*/*");
    }

    public TdnetOrigin origin() {
        return origin;
    }

    public HttpSettings settings() {
        return settings;
    }

    /** GETs {@code url} with in-process retries; a 200 answer goes to {@code reader}. */
    public <T> T get(URI url, String accept, BodyReader<T> reader) throws TdnetFailure, InterruptedException {
        if (!origin.contains(url)) {
            throw TdnetFailure.permanent(url + " is not under the TDnet origin " + origin + "; not requested",
                    TdnetFailure.NO_STATUS);
        }
        RetryPlan plan = settings.retry();
        RetryPolicy<T> policy = RetryPolicy.<T>builder()
                .handleIf((T r, Throwable t) -> t instanceof TdnetFailure f && f.isTransient())
                .abortIf((T r, Throwable t) -> t instanceof TdnetFailure f && !plan.waitsInProcess(f.retryAfter()))
                .withMaxAttempts(plan.attempts())
                .withDelayFn(ctx -> plan.delay(ctx.getAttemptCount(),
                        ctx.getLastException() instanceof TdnetFailure f ? f.retryAfter() : null,
                        ThreadLocalRandom.current().nextDouble()))
                .onRetry(e -> observer.retrying(url, e.getAttemptCount(), (TdnetFailure) e.getLastException()))
                .build();
        try {
            return Failsafe.with(policy).get(() -> attempt(url, accept, reader));
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw ie;
            }
            if (cause instanceof TdnetFailure f) throw f;
            throw e;
        }
    }

    private <T> T attempt(URI url, String accept, BodyReader<T> reader) throws TdnetFailure, InterruptedException {
        Connected connected = connectInSlot(url, accept);
        HttpURLConnection conn = connected.conn();
        boolean reusable = false;
        try {
            int status;
            try {
                status = conn.getResponseCode();
            } catch (IOException e) {
                throw transientIo(e);
            } finally {
                // after the request is written: nothing but the write stands between the slot's check and the wire
                observer.pacerWaited(connected.waited());
            }
            switch (StatusClass.of(status)) {
                case OK -> {
                    InputStream body;
                    try {
                        body = conn.getInputStream();
                    } catch (IOException e) {
                        throw transientIo(e);
                    }
                    T value;
                    try {
                        value = reader.read(new Response(url, conn.getContentLengthLong(), body));
                    } catch (IOException e) {
                        throw transientIo(e);
                    }
                    closeQuietly(body);
                    reusable = true;
                    return value;
                }
                case REDIRECT -> throw TdnetFailure.permanent("redirect to " + resolve(url, conn.getHeaderField("Location"))
                        + " refused (http " + status + ")", status);
                case TRANSIENT -> {
                    Duration retryAfter = RetryAfter.parse(conn.getHeaderField("Retry-After"), clock.instant()).orElse(null);
                    if (retryAfter != null) {
                        Duration held = plan().waitsInProcess(retryAfter) ? retryAfter : plan().retryAfterCap();
                        pacer.pushBack(clock.instant().plus(held));
                    }
                    throw TdnetFailure.transientFailure("http " + status
                            + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + " s)"), status, retryAfter, null);
                }
                default -> throw TdnetFailure.permanent("http " + status, status);
            }
        } finally {
            // A fully read body returns the connection to the keep-alive pool; anything else (an error
            // status, a refused or broken body) must not be drained, so the socket is dropped.
            if (!reusable) conn.disconnect();
        }
    }

    /**
     * Reserves a slot, connects shortly before it (TCP and TLS, or a pooled keep-alive connection) and
     * returns the connection once the slot says the request may go; a slot missed by more than the
     * pacer's tolerance (a slow handshake, a delayed thread) is given up with its connection, and a new
     * one reserved, so no connection waits open for a later slot.
     */
    private record Connected(HttpURLConnection conn, Duration waited) {}

    private Connected connectInSlot(URI url, String accept) throws TdnetFailure, InterruptedException {
        while (true) {
            Pacer.Slot slot = pacer.reserve(Duration.ofNanos(connectLead.nanos()));
            HttpURLConnection conn;
            try {
                conn = (HttpURLConnection) url.toURL().openConnection();
            } catch (IOException e) {
                throw transientIo(e);
            }
            conn.setInstanceFollowRedirects(false);
            conn.setUseCaches(false);
            conn.setConnectTimeout(millis(settings.connectTimeout()));
            conn.setReadTimeout(millis(settings.readTimeout()));
            conn.setRequestProperty("User-Agent", settings.userAgent());
            conn.setRequestProperty("Accept", accept);
            long connecting = System.nanoTime();
            try {
                conn.connect();
            } catch (IOException e) {
                conn.disconnect();
                throw transientIo(e);
            }
            connectLead.took(System.nanoTime() - connecting);
            if (slot.send()) return new Connected(conn, slot.waited());
            conn.disconnect();
        }
    }

    /**
     * Twice the slowest of the last eight connects, 10 to 100 ms: on a loaded machine connect times are
     * heavy-tailed (a thread preempted mid-handshake), and a connect that outlasts its lead misses the slot.
     * The last connect alone was the lead before; one fast connect then shrank it below the next slow one.
     * Before the first connect it is the cap.
     */
    static final class ConnectLead {
        static final long MAX_NANOS = 100_000_000;
        // a loopback connect takes 0.1 ms until a loaded machine preempts it; a connection open 10 ms early
        // costs nothing, a connect that ends after the slot costs the slot
        static final long MIN_NANOS = 10_000_000;
        private final long[] recent = new long[8];
        private int next;
        // the longest until a connect has been measured: a new JVM's first connect loads the HTTP stack
        private volatile long nanos = MAX_NANOS;

        long nanos() {
            return nanos;
        }

        synchronized void took(long connectNanos) {
            recent[next] = connectNanos;
            next = (next + 1) % recent.length;
            long slowest = 0;
            for (long r : recent) slowest = Math.max(slowest, r);
            nanos = Math.min(MAX_NANOS, Math.max(MIN_NANOS, 2 * slowest));
        }
    }

    private RetryPlan plan() {
        return settings.retry();
    }

    private TdnetFailure transientIo(IOException e) {
        String reason;
        if (e instanceof SocketTimeoutException) {
            String m = String.valueOf(e.getMessage()).toLowerCase();
            reason = m.contains("connect")
                    ? "connect timed out after " + settings.connectTimeout().toMillis() + " ms"
                    : "read timed out after " + settings.readTimeout().toMillis() + " ms";
        } else if (e instanceof ConnectException) {
            reason = "connection refused: " + e.getMessage();
        } else if (e instanceof SocketException) {
            reason = "connection broken: " + e.getMessage();
        } else {
            reason = e.getMessage() == null ? "i/o error: " + e : e.getMessage();
        }
        return TdnetFailure.transientFailure(reason, TdnetFailure.NO_STATUS, null, e);
    }

    private static String resolve(URI base, String location) {
        if (location == null) return "(no Location)";
        try {
            return Printable.of(base.resolve(location.strip()).toString(), 200);
        } catch (IllegalArgumentException e) {
            return Printable.of(location, 200);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the body is read; a failed close only costs the keep-alive connection
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }
}
