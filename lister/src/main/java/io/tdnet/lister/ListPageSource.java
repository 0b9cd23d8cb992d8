package io.tdnet.lister;

import java.net.URI;
import java.time.LocalDate;

/** Where list pages come from: TDnet over HTTP ({@link TdnetPageClient}) or, in unit tests, memory. */
public interface ListPageSource {

    /** The URL of page {@code page} (1-based) of {@code date}, for messages. */
    URI url(LocalDate date, int page);

    /** Fetches page {@code page} (1-based) of {@code date}. */
    PageResponse fetch(LocalDate date, int page) throws PageFetchException, InterruptedException;
}
