package io.tdnet.twin.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recomputes a request's AWS Signature Version 4 with the key's secret (as AWS does) so a request signed
 * with a stale or foreign secret is refused. The payload hash is the {@code x-amz-content-sha256} header
 * when sent (S3 always sends it, also for streamed chunked uploads, whose chunk signatures are not
 * re-checked), else the SHA-256 of the body. S3 paths are canonical as sent; other services' paths are
 * encoded once more, as the SDK signs them.
 */
final class SigV4Verifier {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)");

    private SigV4Verifier() {}

    /** Empty when the signature matches; otherwise why not. */
    static Optional<String> verify(String method, String rawPath, String rawQuery, Map<String, String> headers,
                                   byte[] bodyOrNull, String secret) {
        Matcher m = AUTHORIZATION.matcher(headers.getOrDefault("authorization", ""));
        if (!m.find()) {
            return Optional.of("malformed Authorization header");
        }
        String[] scope = m.group(1).split("/", 2);
        String signedHeaders = m.group(2);
        String service = scope[1].split("/")[2];
        String payloadHash = headers.get("x-amz-content-sha256");
        if (payloadHash == null) {
            if (bodyOrNull == null) return Optional.of("streamed body without x-amz-content-sha256");
            payloadHash = hex(sha256(bodyOrNull));
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            String value = headers.get(name);
            if (value == null) return Optional.of("signed header " + name + " missing");
            canonicalHeaders.append(name).append(':').append(value.trim().replaceAll("\\s+", " ")).append('\n');
        }
        String path = rawPath.isEmpty() ? "/" : rawPath;
        if (!service.equals("s3")) path = path.replace("%", "%25");
        String canonicalRequest = String.join("\n", method, path, canonicalQuery(rawQuery), canonicalHeaders.toString(),
                signedHeaders, payloadHash);
        String date = headers.getOrDefault("x-amz-date", "");
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", date, scope[1], hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        String[] parts = scope[1].split("/");
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), parts[0]);
        key = hmac(key, parts[1]);
        key = hmac(key, parts[2]);
        key = hmac(key, "aws4_request");
        String expected = hex(hmac(key, stringToSign));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), m.group(3).getBytes(StandardCharsets.US_ASCII))
                ? Optional.empty()
                : Optional.of("The request signature we calculated does not match the signature you provided.");
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return "";
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> out = new ArrayList<>();
        for (String[] p : pairs) out.add(p[0] + "=" + p[1]);
        return String.join("&", out);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986 encoding of everything but unreserved characters, as SigV4 requires. */
    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
