package io.tdnet.lister;

import java.net.URI;
import java.util.Objects;

/** What TDnet answered for a list page: its body, or 404. Anything else is a {@link PageFetchException}. */
public sealed interface PageResponse permits PageResponse.Found, PageResponse.NotFound {

    URI url();

    /** 200 with the body's bytes (undecoded). */
    record Found(URI url, byte[] body) implements PageResponse {
        public Found {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(body, "body");
        }
    }

    /** 404: past the last page, or a date outside TDnet's window. */
    record NotFound(URI url) implements PageResponse {
        public NotFound {
            Objects.requireNonNull(url, "url");
        }
    }
}
