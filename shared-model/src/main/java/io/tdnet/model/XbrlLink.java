package io.tdnet.model;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XBRL zip a list row links to, checked against its disclosure: the file name is 4 digits plus the
 * last 14 digits of the PDF's 18-digit id ({@code 140120260213512345.pdf} ↔ {@code 081220260213512345.zip};
 * prefixes {@code 0812} and {@code 0912} are seen on real pages, others are accepted). Only a link inside
 * the origin whose name keeps that relation is ever requested, and it is requested as
 * {@code <base><name>}, never as the raw href.
 *
 * @param fileName the validated {@code <4 digits><14 digits>.zip}
 */
public record XbrlLink(String fileName) {
    private static final Pattern NAME = Pattern.compile("([0-9]{4})([0-9]{14})\\.zip");

    /**
     * The link of {@code disclosure}, or why it is refused (outside the origin, another file name, an id
     * that does not share its last 14 digits). Empty-and-no-reason is impossible: the result is one or the other.
     */
    public static Result of(Disclosure disclosure, TdnetOrigin origin) {
        String url = disclosure.xbrlUrl();
        if (url == null) return new Result(null, "no XBRL link");
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return new Result(null, "xbrl_url is not a URL");
        }
        if (!origin.contains(uri)) {
            return new Result(null, "xbrl_url " + DisplayLimit.cut(url) + " is outside the TDnet origin " + origin + "; not fetched");
        }
        String path = uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        Matcher m = NAME.matcher(name);
        if (!m.matches() || !path.equals(origin.base().getPath() + name) || uri.getRawQuery() != null) {
            return new Result(null, "xbrl_url " + DisplayLimit.cut(url) + " is not <base><18 digits>.zip; not fetched");
        }
        if (!disclosure.disclosureId().value().endsWith(m.group(2))) {
            return new Result(null, "xbrl file " + name + " does not share the last 14 digits of " + disclosure.disclosureId().value());
        }
        return new Result(new XbrlLink(name), null);
    }

    /** {@code <base><name>}: the only XBRL URL this pipeline requests. */
    public URI uri(TdnetOrigin origin) {
        return origin.base().resolve(fileName);
    }

    /** Either a link or the reason there is none. */
    public record Result(XbrlLink link, String refusal) {
        public Optional<XbrlLink> ok() {
            return Optional.ofNullable(link);
        }
    }

    /** Hrefs come from a public page: a reason quotes at most 200 characters of one. */
    private static final class DisplayLimit {
        static String cut(String s) {
            return s.length() <= 200 ? s : s.substring(0, 200) + "…";
        }
    }
}
