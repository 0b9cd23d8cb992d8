package io.tdnet.lister;

import java.net.URI;

/**
 * A list page could not be fetched: a redirect, a status other than 200/404, a body over the cap, or a
 * transient failure (timeout, reset, 5xx, 429) that outlasted the retries.
 */
public class PageFetchException extends Exception {
    private final URI url;

    public PageFetchException(URI url, String reason, Throwable cause) {
        super(url + ": " + reason, cause);
        this.url = url;
    }

    public URI url() {
        return url;
    }
}
