package io.tdnet.serve;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of one request's query string, read strictly: each name at most once and only the
 * names the endpoint knows, so a misspelt filter is an error instead of a silently wider answer.
 */
public final class QueryParameters {
    /** Longer query strings are refused before they are decoded. */
    static final int MAX_QUERY_LENGTH = 2_048;

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code rawQuery} (still percent-encoded; null for none) allowing only {@code known} names. */
    public static QueryParameters parse(String rawQuery, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return new QueryParameters(values);
        if (rawQuery.length() > MAX_QUERY_LENGTH) {
            throw new BadRequestException("query string longer than " + MAX_QUERY_LENGTH + " characters");
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!known.contains(name)) {
                throw new BadRequestException("unknown parameter " + quoted(name) + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new BadRequestException("parameter " + name + " given more than once");
            }
        }
        return new QueryParameters(values);
    }

    /** The value, absent when the parameter was not given; an empty value is refused. */
    public Optional<String> get(String name) {
        String value = values.get(name);
        if (value == null) return Optional.empty();
        if (value.isEmpty()) throw new BadRequestException("parameter " + name + " is empty");
        return Optional.of(value);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("malformed percent-encoding in the query string");
        }
    }

    /** A name for a message: cut short, so a message never carries a huge input back. */
    static String quoted(String text) {
        return '"' + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + '"';
    }
}
