package io.tdnet.model;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * The configured TDnet base URL and the one rule about it: documents are fetched only from this
 * origin (scheme, host, port) and under its path. Anything else is refused before a request is made.
 */
public final class TdnetOrigin {
    private final URI base;

    private TdnetOrigin(URI base) {
        this.base = base;
    }

    /** Parses and checks a base URL such as {@code https://www.release.tdnet.info/inbs/}. */
    public static TdnetOrigin of(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        URI uri;
        try {
            uri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/").normalize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + baseUrl, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("the TDnet URL must be an http(s) URL with a host: " + baseUrl);
        }
        if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("the TDnet URL must not carry a query, fragment or user: " + baseUrl);
        }
        return new TdnetOrigin(uri);
    }

    /**
     * Whether the origin is this machine (localhost, 127.0.0.0/8, ::1): the fake TDnet of demos and
     * benchmarks, the only origin an unthrottled rate may be used against.
     */
    public boolean loopback() {
        String host = base.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        return host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    public URI base() {
        return base;
    }

    public String baseUrl() {
        return base.toString();
    }

    /** {@code <base>I_list_PPP_YYYYMMDD.html}. */
    public URI listPage(java.time.LocalDate date, int page) {
        return base.resolve(String.format("I_list_%03d_%04d%02d%02d.html",
                page, date.getYear(), date.getMonthValue(), date.getDayOfMonth()));
    }

    /** {@code <base><id>.pdf}: the only document URL this pipeline builds. */
    public URI pdf(DisclosureId id) {
        return base.resolve(id.value() + ".pdf");
    }

    /** True when {@code uri} has this origin's scheme, host and port and lies under its path. */
    public boolean contains(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null || uri.getUserInfo() != null) return false;
        URI normal = uri.normalize();
        return base.getScheme().equalsIgnoreCase(normal.getScheme())
                && base.getHost().equalsIgnoreCase(normal.getHost())
                && port(base) == port(normal)
                && normal.getRawPath() != null
                && normal.getRawPath().startsWith(base.getRawPath())
                && !normal.getRawPath().contains("/../");
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) return uri.getPort();
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
