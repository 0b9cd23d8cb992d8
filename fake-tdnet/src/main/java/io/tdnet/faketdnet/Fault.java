package io.tdnet.faketdnet;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour of one document's URL, injected with {@link FakeTdnet#fault}. Each fault applies to the
 * first {@code times()} requests for that document; later requests get the healthy document. Factories
 * without a count apply forever ({@link #FOREVER}).
 */
public sealed interface Fault {
    int FOREVER = Integer.MAX_VALUE;

    /** How many requests this fault answers before the document is healthy again. */
    int times();

    /** Answer with {@code code} and a small HTML body. */
    record Status(int code, int times) implements Fault {
        public Status {
            if (code < 100 || code > 599) throw new IllegalArgumentException("status " + code);
            positive(times);
        }
    }

    /** 429 with {@code Retry-After: <seconds>} (rounded up). */
    record TooManyRequests(Duration retryAfter, int times) implements Fault {
        public TooManyRequests {
            Objects.requireNonNull(retryAfter);
            positive(times);
        }
    }

    /** Headers with the full Content-Length, part of the body, then the connection is aborted (TCP RST). */
    record ResetMidBody(int times) implements Fault {
        public ResetMidBody {
            positive(times);
        }
    }

    /**
     * The connection is accepted and the request read, then nothing is sent for {@code duration} (before
     * the status line); afterwards the healthy document is served if the client still listens.
     */
    record Stall(Duration duration, int times) implements Fault {
        public Stall {
            Objects.requireNonNull(duration);
            positive(times);
        }
    }

    /** 200 with {@code Content-Type: text/html} and an HTML error page instead of the PDF. */
    record Html200(int times) implements Fault {
        public Html200 {
            positive(times);
        }
    }

    /**
     * 200 with a PDF-looking body of {@code bytes} bytes, generated while streaming; with Content-Length
     * when {@code declareLength}, otherwise chunked.
     */
    record Oversized(long bytes, boolean declareLength, int times) implements Fault {
        public Oversized {
            if (bytes < PdfBody.MIN_SIZE) throw new IllegalArgumentException("too small: " + bytes);
            positive(times);
        }
    }

    /** 302 with {@code Location: location}. */
    record Redirect(URI location, int times) implements Fault {
        public Redirect {
            Objects.requireNonNull(location);
            positive(times);
        }
    }

    /** The full Content-Length is declared, half of the body is sent, then the connection is closed normally. */
    record Truncated(int times) implements Fault {
        public Truncated {
            positive(times);
        }
    }

    /** The healthy body, sent chunked (no Content-Length). */
    record Chunked(int times) implements Fault {
        public Chunked {
            positive(times);
        }
    }

    static Fault status(int code) {
        return new Status(code, FOREVER);
    }

    static Fault status(int code, int times) {
        return new Status(code, times);
    }

    static Fault tooManyRequests(Duration retryAfter) {
        return new TooManyRequests(retryAfter, FOREVER);
    }

    static Fault tooManyRequests(Duration retryAfter, int times) {
        return new TooManyRequests(retryAfter, times);
    }

    static Fault resetMidBody() {
        return new ResetMidBody(FOREVER);
    }

    static Fault resetMidBody(int times) {
        return new ResetMidBody(times);
    }

    static Fault stall(Duration duration) {
        return new Stall(duration, FOREVER);
    }

    static Fault stall(Duration duration, int times) {
        return new Stall(duration, times);
    }

    static Fault html200() {
        return new Html200(FOREVER);
    }

    static Fault html200(int times) {
        return new Html200(times);
    }

    static Fault oversized(long bytes, boolean declareLength) {
        return new Oversized(bytes, declareLength, FOREVER);
    }

    static Fault redirect(URI location) {
        return new Redirect(location, FOREVER);
    }

    static Fault redirect(URI location, int times) {
        return new Redirect(location, times);
    }

    static Fault truncated() {
        return new Truncated(FOREVER);
    }

    static Fault truncated(int times) {
        return new Truncated(times);
    }

    static Fault chunked() {
        return new Chunked(FOREVER);
    }

    private static void positive(int times) {
        if (times < 1) throw new IllegalArgumentException("times must be >= 1: " + times);
    }
}
