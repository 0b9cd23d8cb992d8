package io.tdnet.wiring;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The only reader of a Lambda function's environment variables: every name goes through
 * {@link #require} or {@link #optional}, and the reader remembers which names were read so that the
 * wiring can print them once at init ({@link #envReadLine()}) for a comparison with the deployment
 * template's variables. Blank values count as unset.
 */
public final class FunctionEnvironment {
    private final Map<String, String> env;
    private final Set<String> read = Collections.synchronizedSet(new LinkedHashSet<>());

    public FunctionEnvironment(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** The process environment. */
    public static FunctionEnvironment ofProcess() {
        return new FunctionEnvironment(System.getenv());
    }

    /** The value of {@code name}; fails naming the variable when it is unset or blank. */
    public String require(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("environment variable " + name + " is not set"));
    }

    /** The stripped value of {@code name}, empty when unset or blank. */
    public Optional<String> optional(String name) {
        read.add(name);
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public String optional(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    /** The parsed value, or {@code fallback} when unset; a value that does not parse fails naming the variable. */
    public <T> T optional(String name, T fallback, Function<String, T> parser) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) return fallback;
        try {
            return parser.apply(value.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variable " + name + " = '" + value.get() + "': " + e.getMessage(), e);
        }
    }

    /** The names read so far, in the order first read. */
    public Set<String> namesRead() {
        synchronized (read) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(read));
        }
    }

    /** {@code {"message":"env_read","env_read":[...]}}: one JSON log line naming every variable read. */
    public String envReadLine() {
        StringBuilder json = new StringBuilder("{\"message\":\"env_read\",\"env_read\":[");
        boolean first = true;
        for (String name : namesRead()) {
            if (!first) json.append(',');
            first = false;
            // names are [A-Z0-9_] by convention; escaping anyway keeps the line valid JSON
            json.append('"').append(name.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return json.append("]}").toString();
    }
}
