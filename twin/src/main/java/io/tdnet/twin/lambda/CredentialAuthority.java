package io.tdnet.twin.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tdnet.model.http.NoDelayHttpServer;
import io.tdnet.twin.KeyRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The twin's IAM: issues every principal keys of its own and serves the container-credentials endpoint
 * through which function environments get theirs, as Lambda does for SnapStart functions
 * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} + {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}; never
 * {@code AWS_ACCESS_KEY_ID}). The recording gateway asks it, as {@link KeyRegistry}, who signed a request.
 *
 * <p><b>SnapStart.</b> During init (before the snapshot) an environment gets a <em>snapshot key</em>; at
 * restore that key is revoked and the endpoint hands out a fresh one. A client that resolved credentials
 * once and kept them (a {@code StaticCredentialsProvider} built in a constructor, say) then fails with the
 * revoked key, as it fails on AWS once the snapshot's credentials have expired; a client on the SDK's
 * default chain fetches again and works.
 *
 * <p><b>Why the Expiration values.</b> The SDK v2 {@code ContainerCredentialsProvider} caches what it fetched
 * in a {@code CachedSupplier} whose stale time is {@code Expiration - 1 min} (past it, every caller blocks
 * and refetches) and whose prefetch time is {@code min(now + 1 h, Expiration - 15 min)} (past it, one caller
 * refetches while the others keep using the cached key; jittered). Only the stale time forces every thread
 * of a function off a key, so the snapshot key is served with {@code Expiration = now + 62 s}, truncated to
 * the second: stale one to two seconds after it was fetched, not already stale when fetched (the SDK would
 * log a warning and keep it one more second). On AWS the time between snapshot and restore is minutes to
 * days, so init-time credentials are long stale by then; in the twin restore follows init at once, so
 * {@link EnvironmentCredentials#restore()} first waits out the stale time of the last snapshot key it
 * served — the snapshot "ages" by at most two seconds. The fresh key is served with
 * {@code Expiration = now + 6 h}: no refetch during a twin run.
 *
 * <p>Loopback only, ephemeral port. Thread-safe.
 */
public final class CredentialAuthority implements KeyRegistry, AutoCloseable {
    /** The path of the container-credentials endpoint (Lambda's own uses this date). */
    static final String PATH = "/2021-04-23/credentials";
    static final Duration SNAPSHOT_KEY_LIFETIME = Duration.ofSeconds(62);
    static final Duration FRESH_KEY_LIFETIME = Duration.ofHours(6);
    /** What the SDK subtracts from Expiration to get the stale time. */
    static final Duration SDK_STALE_MARGIN = Duration.ofMinutes(1);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final Map<String, EnvironmentCredentials> byToken = new ConcurrentHashMap<>();

    private CredentialAuthority(HttpServer server, ExecutorService executor, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.clock = clock;
    }

    /** Starts the endpoint on 127.0.0.1, on an ephemeral port. */
    public static CredentialAuthority start() {
        return start(Clock.systemUTC());
    }

    static CredentialAuthority start(Clock clock) {
        try {
            HttpServer server = NoDelayHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4, daemon("twin-credentials"));
            server.setExecutor(executor);
            CredentialAuthority authority = new CredentialAuthority(server, executor, clock);
            server.createContext(PATH, authority::serve);
            server.start();
            return authority;
        } catch (IOException e) {
            throw new UncheckedIOException("the container-credentials endpoint did not start", e);
        }
    }

    /** The value of {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} for every function environment. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** A live long-lived key for {@code principal} (a poller signs with its function's; the CLI with its own). */
    public StaticKey issueFor(String principal) {
        Key key = newKey(principal, "AKIA");
        return new StaticKey(key.accessKeyId(), key.secret());
    }

    /**
     * Registers one function environment: the token it presents, and the keys it will be served.
     *
     * @param principal the function's logical id
     * @param snapStart whether the environment goes through a restore (snapshot key first) or gets its
     *                  final key from the start
     */
    public EnvironmentCredentials register(String principal, boolean snapStart) {
        EnvironmentCredentials credentials = new EnvironmentCredentials(principal, randomToken(), snapStart);
        byToken.put(credentials.token(), credentials);
        return credentials;
    }

    @Override
    public Optional<String> principalOf(String accessKeyId) {
        return live(accessKeyId).map(Key::principal);
    }

    @Override
    public Optional<String> secretOf(String accessKeyId) {
        return live(accessKeyId).map(Key::secret);
    }

    @Override
    public String whyRefused(String accessKeyId) {
        Key key = keys.get(accessKeyId);
        if (key == null) {
            return "The security token included in the request is invalid: access key " + accessKeyId
                    + " was never issued by the twin";
        }
        return key.revokedBecause() == null ? "access key " + accessKeyId + " is live" : key.revokedBecause();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private Optional<Key> live(String accessKeyId) {
        Key key = accessKeyId == null ? null : keys.get(accessKeyId);
        return key == null || key.revokedBecause() != null ? Optional.empty() : Optional.of(key);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String token = exchange.getRequestHeaders().getFirst("Authorization");
            EnvironmentCredentials credentials = token == null ? null : byToken.get(token);
            if (!"GET".equals(exchange.getRequestMethod()) || credentials == null) {
                // Lambda's endpoint answers an unknown token with an error, never with someone else's key.
                respond(exchange, token == null ? 401 : 403,
                        "{\"message\":\"cannot get credentials for the provided token\"}");
                return;
            }
            respond(exchange, 200, JSON.writeValueAsString(credentials.serve()));
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private Key newKey(String principal, String prefix) {
        Key key = new Key(prefix + random(16), random(40), principal, null);
        keys.put(key.accessKeyId(), key);
        return key;
    }

    private void revoke(String accessKeyId, String because) {
        keys.computeIfPresent(accessKeyId, (id, key) -> key.revokedBecause() != null ? key
                : new Key(id, key.secret(), key.principal(), because));
    }

    private static String random(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = KEY_ALPHABET[RANDOM.nextInt(KEY_ALPHABET.length)];
        }
        return new String(chars);
    }

    private static String randomToken() {
        return random(48);
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Key(String accessKeyId, String secret, String principal, String revokedBecause) {}

    /**
     * The credentials of one function environment: its authorization token and the key the endpoint serves
     * it, which changes once, at restore. Closing it revokes whatever key it holds (the environment is gone).
     */
    public final class EnvironmentCredentials implements AutoCloseable {
        private final String principal;
        private final String token;
        private Key snapshotKey;
        private Key currentKey;
        private Instant lastSnapshotExpiration;

        private EnvironmentCredentials(String principal, String token, boolean snapStart) {
            this.principal = principal;
            this.token = token;
            if (snapStart) {
                this.snapshotKey = newKey(principal, "ASIA");
                this.currentKey = snapshotKey;
            } else {
                this.currentKey = newKey(principal, "ASIA");
            }
        }

        /** The value of {@code AWS_CONTAINER_AUTHORIZATION_TOKEN} for this environment. */
        public String token() {
            return token;
        }

        /** The access key the endpoint currently serves this environment. */
        public synchronized String currentAccessKeyId() {
            return currentKey.accessKeyId();
        }

        /**
         * The SnapStart restore: waits until the SDK considers the last snapshot key it served stale (see the
         * class comment), revokes it, and serves a fresh key from now on. Idempotent; a no-op without SnapStart.
         */
        public void restore() throws InterruptedException {
            Instant staleAt;
            synchronized (this) {
                if (snapshotKey == null || currentKey != snapshotKey) {
                    return;
                }
                staleAt = lastSnapshotExpiration == null ? null : lastSnapshotExpiration.minus(SDK_STALE_MARGIN);
            }
            if (staleAt != null) {
                long waitMs = Duration.between(clock.instant(), staleAt).toMillis() + 20;
                if (waitMs > 0) {
                    Thread.sleep(waitMs); // the snapshot ages: real time must pass for the SDK's clock
                }
            }
            synchronized (this) {
                revoke(snapshotKey.accessKeyId(), "access key " + snapshotKey.accessKeyId() + " of " + principal
                        + " was served before the SnapStart restore and revoked at restore: a client kept"
                        + " credentials from its snapshot instead of resolving them through the default chain");
                currentKey = newKey(principal, "ASIA");
            }
        }

        synchronized Map<String, String> serve() {
            boolean snapshot = currentKey == snapshotKey;
            Instant expiration = clock.instant()
                    .plus(snapshot ? SNAPSHOT_KEY_LIFETIME : FRESH_KEY_LIFETIME)
                    .truncatedTo(ChronoUnit.SECONDS);
            if (snapshot) {
                lastSnapshotExpiration = expiration;
            }
            Map<String, String> body = new LinkedHashMap<>();
            body.put("AccessKeyId", currentKey.accessKeyId());
            body.put("SecretAccessKey", currentKey.secret());
            body.put("Token", token + "-" + currentKey.accessKeyId()); // a session token the gateway may ignore
            body.put("Expiration", expiration.toString());
            return body;
        }

        /** Revokes the key and forgets the token. */
        @Override
        public synchronized void close() {
            byToken.remove(token);
            revoke(currentKey.accessKeyId(), "access key " + currentKey.accessKeyId() + " of " + principal
                    + " belonged to an environment that was shut down");
        }
    }
}
