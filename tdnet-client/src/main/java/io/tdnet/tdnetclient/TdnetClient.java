package io.tdnet.tdnetclient;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.tdnet.model.Pacer;
import io.tdnet.model.TdnetOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
 *       connection sits idle while the pacer makes it wait. When the write ends it tells the slot
 *       ({@link Pacer.Slot#written()}): a request that reached the wire late moves the later slots.
 *   <li>One connection per request ({@code Connection: close}), never kept open between requests.
 *   <li>The configured User-Agent and timeouts on every request; redirects are never followed.
 *   <li>The status is classified once ({@link StatusClass}); a {@code Retry-After} is read on the
 *       injected clock and handed to the pacer (bounded by the plan's cap) so that no other request
 *       goes out before it either.
 *   <li>Transient failures are retried per {@link RetryPlan} with Failsafe; the last failure is thrown
 *       as a {@link TdnetFailure}.
 * </ul>
 *
 * <p>The caller's {@link BodyReader} reads a 200 answer (list page parsing, PDF streaming to S3); its
 * {@link IOException}s are transient, its {@link TdnetFailure}s keep their kind. The HTTP is the small
 * {@link Exchange} on a JDK socket rather than {@code HttpURLConnection}, which writes the request somewhere
 * inside {@code getResponseCode()} where the client cannot see when it went out. Thread-safe.
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
        try (Exchange exchange = sendInSlot(url, accept)) {
            Exchange.Head head;
            try {
                head = exchange.head();
            } catch (IOException e) {
                throw transientIo(e);
            }
            int status = head.status();
            switch (StatusClass.of(status)) {
                case OK -> {
                    try {
                        return reader.read(new Response(url, head.contentLength(), exchange.body()));
                    } catch (IOException e) {
                        throw transientIo(e);
                    }
                }
                case REDIRECT -> throw TdnetFailure.permanent("redirect to " + resolve(url, head.header("Location").orElse(null))
                        + " refused (http " + status + ")", status);
                case TRANSIENT -> {
                    Duration retryAfter = RetryAfter.parse(head.header("Retry-After").orElse(null), clock.instant()).orElse(null);
                    if (retryAfter != null) {
                        Duration held = plan().waitsInProcess(retryAfter) ? retryAfter : plan().retryAfterCap();
                        pacer.pushBack(clock.instant().plus(held));
                    }
                    throw TdnetFailure.transientFailure("http " + status
                            + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + " s)"), status, retryAfter, null);
                }
                default -> throw TdnetFailure.permanent("http " + status, status);
            }
        }
    }

    /**
     * Reserves a slot, connects shortly before it (TCP, and TLS) and writes the request once the slot says
     * it may go, then tells the slot when the write ended (a thread delayed between the permit and the
     * wire moves the later slots). A slot missed by more than the pacer's tolerance (a slow handshake, a
     * delayed thread) is given up with its connection, and a new one reserved, so no connection waits open
     * for a later slot.
     */
    private Exchange sendInSlot(URI url, String accept) throws TdnetFailure, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", settings.userAgent());
        headers.put("Accept", accept);
        while (true) {
            Pacer.Slot slot = pacer.reserve(Duration.ofNanos(connectLead.nanos()));
            Exchange exchange;
            long connecting = System.nanoTime();
            try {
                exchange = Exchange.open(url, headers, settings.connectTimeout(), settings.readTimeout());
            } catch (IOException e) {
                throw transientIo(e);
            }
            connectLead.took(System.nanoTime() - connecting);
            boolean send;
            try {
                send = slot.send();
            } catch (InterruptedException | RuntimeException e) {
                exchange.close();
                throw e;
            }
            if (!send) {
                exchange.close();
                continue;
            }
            try {
                exchange.send();
            } catch (IOException e) {
                exchange.close();
                throw transientIo(e);
            } finally {
                // even a failed write may have put bytes on the wire
                slot.written();
            }
            observer.pacerWaited(slot.waited());
            return exchange;
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

}
