package io.tdnet.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code cursor} of a page: opaque to clients (base64url), it holds the index sort key the next
 * page continues after and a digest of the query it belongs to. A cursor that does not decode, names a
 * position outside the query's window, or belongs to another query is refused (400), so it can never
 * widen a query or point at something it was not given for.
 */
public final class PageCursor {
    private static final String VERSION = "c1";
    // the sort key as the ledger writes it: ISO time with offset, '#', the 18-digit id
    private static final Pattern SORT_KEY = Pattern.compile(
            "([0-9]{4}-[0-9]{2}-[0-9]{2})T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{3})?[+-][0-9]{2}:[0-9]{2}#[0-9]{18}");

    private PageCursor() {}

    /** The cursor for {@code query} continuing after {@code sortKey}. */
    public static String encode(DisclosureQuery query, String sortKey) {
        String text = VERSION + "|" + sortKey + "|" + digest(query);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key a cursor continues after, once it is checked against {@code query}. */
    public static String decode(String cursor, DisclosureQuery query) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = text.split("\\|", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0]) || !digest(query).equals(parts[2])) throw invalid();
        Matcher key = SORT_KEY.matcher(parts[1]);
        if (!key.matches()) throw invalid();
        if (query.from() != null) {
            String date = key.group(1);
            if (date.compareTo(query.from().toString()) < 0 || date.compareTo(query.to().toString()) > 0) throw invalid();
        }
        return parts[1];
    }

    private static BadRequestException invalid() {
        return new BadRequestException("cursor= is not a cursor this query returned");
    }

    private static String digest(DisclosureQuery query) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(query.identity().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
