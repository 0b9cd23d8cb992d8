package io.tdnet.tdnetclient;

import io.tdnet.model.Tdnet;
import java.time.Duration;
import java.util.Objects;

/**
 * How the component talks to TDnet.
 *
 * @param userAgent sent on every request: names the tool and a contact URL
 * @param connectTimeout TCP connect timeout
 * @param readTimeout longest silence while reading (per socket read, not the whole body)
 * @param retry the in-process retries of one request
 */
public record HttpSettings(String userAgent, Duration connectTimeout, Duration readTimeout, RetryPlan retry) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    public HttpSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank()) throw new IllegalArgumentException("userAgent must not be blank");
        positive(connectTimeout, "connectTimeout");
        positive(readTimeout, "readTimeout");
        Objects.requireNonNull(retry, "retry");
    }

    /** The default User-Agent and timeouts with the given retries. */
    public static HttpSettings defaults(RetryPlan retry) {
        return new HttpSettings(Tdnet.DEFAULT_USER_AGENT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, retry);
    }

    public HttpSettings withUserAgent(String agent) {
        return new HttpSettings(agent, connectTimeout, readTimeout, retry);
    }

    public HttpSettings withTimeouts(Duration connect, Duration read) {
        return new HttpSettings(userAgent, connect, read, retry);
    }

    public HttpSettings withRetry(RetryPlan plan) {
        return new HttpSettings(userAgent, connectTimeout, readTimeout, plan);
    }

    /** One attempt's longest time on the wire before its body: connect plus one read timeout. */
    public Duration attemptTimeouts() {
        return connectTimeout.plus(readTimeout);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive (zero would mean wait forever)");
        }
    }
}
