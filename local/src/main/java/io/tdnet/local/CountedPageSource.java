package io.tdnet.local;

import io.tdnet.lister.ListPageSource;
import io.tdnet.lister.PageFetchException;
import io.tdnet.lister.PageResponse;
import io.tdnet.telemetry.PipelineMetrics;
import java.net.URI;
import java.time.LocalDate;

/** A page source that counts the list pages read, for the progress line while a day is listed. */
final class CountedPageSource implements ListPageSource {
    private final ListPageSource pages;
    private final PipelineMetrics metrics;

    CountedPageSource(ListPageSource pages, PipelineMetrics metrics) {
        this.pages = pages;
        this.metrics = metrics;
    }

    @Override
    public URI url(LocalDate date, int page) {
        return pages.url(date, page);
    }

    @Override
    public PageResponse fetch(LocalDate date, int page) throws PageFetchException, InterruptedException {
        PageResponse response = pages.fetch(date, page);
        metrics.pageRead();
        return response;
    }
}
