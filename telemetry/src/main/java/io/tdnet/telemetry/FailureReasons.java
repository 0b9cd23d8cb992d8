package io.tdnet.telemetry;

import java.util.Locale;

/**
 * Maps a failure's free-text reason to a short category for the {@code Reason} metric dimension. The
 * full reason stays in the ledger and the DLQ; a dimension must have few values, or every distinct
 * message becomes its own CloudWatch metric.
 */
public final class FailureReasons {
    private FailureReasons() {}

    public static final String HTTP_NOT_FOUND = "http_404";
    public static final String HTTP_GONE = "http_410";
    public static final String HTTP_CLIENT = "http_4xx";
    public static final String HTTP_SERVER = "http_5xx";
    public static final String THROTTLED = "http_429";
    public static final String NOT_PDF = "not_pdf";
    public static final String TOO_LARGE = "too_large";
    public static final String REDIRECT = "redirect";
    public static final String OUTSIDE_ORIGIN = "outside_origin";
    public static final String REJECTED_ROW = "rejected_row";
    public static final String GAVE_UP = "gave_up";
    public static final String TIMEOUT = "timeout";
    public static final String CONNECTION = "connection";
    public static final String TRUNCATED = "truncated";
    public static final String STORAGE = "storage";
    public static final String OTHER = "other";

    /** The category of {@code reason}; never null. */
    public static String category(String reason) {
        if (reason == null || reason.isBlank()) return OTHER;
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.startsWith("gave up")) return GAVE_UP;
        if (r.contains("outside the tdnet origin")) return OUTSIDE_ORIGIN;
        if (r.startsWith("redirect")) return REDIRECT;
        if (r.startsWith("not a pdf")) return NOT_PDF;
        if (r.startsWith("body over") || r.contains("over the cap")) return TOO_LARGE;
        if (r.contains("link") || r.contains("url") || r.contains("document id") || r.contains("path")) return REJECTED_ROW;
        if (r.startsWith("http ")) {
            String code = r.substring(5).split("\\D", 2)[0];
            if (code.equals("404")) return HTTP_NOT_FOUND;
            if (code.equals("410")) return HTTP_GONE;
            if (code.equals("429")) return THROTTLED;
            if (code.startsWith("5")) return HTTP_SERVER;
            if (code.startsWith("4")) return HTTP_CLIENT;
            return OTHER;
        }
        if (r.contains("timed out") || r.contains("timeout") || r.contains("stall")) return TIMEOUT;
        if (r.contains("truncated") || r.contains("premature") || r.contains("ended after")) return TRUNCATED;
        if (r.contains("reset") || r.contains("refused") || r.contains("connection")) return CONNECTION;
        if (r.startsWith("s3")) return STORAGE;
        return OTHER;
    }
}
