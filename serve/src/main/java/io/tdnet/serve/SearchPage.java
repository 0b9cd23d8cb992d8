package io.tdnet.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The one page at {@code /}: search box, date picker, company filter, the results table with PDF links
 * and the day's execution status. Everything is inline (no external assets) and allowed by hash in a
 * strict Content-Security-Policy; the script writes data only through {@code textContent} and builds
 * links only from ids it has checked to be 18 digits, so a hostile title stays text.
 */
final class SearchPage {
    private final byte[] html;
    private final String policy;

    private SearchPage(byte[] html, String policy) {
        this.html = html;
        this.policy = policy;
    }

    static SearchPage load() {
        String text;
        try (InputStream in = SearchPage.class.getResourceAsStream("page.html")) {
            if (in == null) throw new IllegalStateException("page.html is missing from the serve jar");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String policy = "default-src 'none'; script-src '" + hash(between(text, "<script>", "</script>")) + "'; "
                + "style-src '" + hash(between(text, "<style>", "</style>")) + "'; connect-src 'self'; img-src 'self'; "
                + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        return new SearchPage(text.getBytes(StandardCharsets.UTF_8), policy);
    }

    void send(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Content-Security-Policy", policy);
        ArchiveServer.send(exchange, 200, html);
    }

    private static String between(String text, String open, String close) {
        int start = text.indexOf(open);
        int end = text.indexOf(close, start);
        if (start < 0 || end < 0) throw new IllegalStateException("page.html has no " + open + " block");
        return text.substring(start + open.length(), end);
    }

    private static String hash(String inline) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
