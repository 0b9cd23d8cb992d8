package io.tdnet.faketdnet;

/**
 * A misbehaviour of one list page, injected with {@link FakeTdnet#pageFault}; applies to the first
 * {@code times()} requests of that page.
 */
public sealed interface PageFault {
    /** How many requests this fault answers before the page is healthy again. */
    int times();

    /** 200 with an HTML maintenance page: no list table, no banner, no date. */
    record Maintenance(int times) implements PageFault {}

    /** 404. */
    record NotFound(int times) implements PageFault {}

    /** 500 with a small HTML body. */
    record ServerError(int times) implements PageFault {}

    static PageFault maintenance() {
        return new Maintenance(Fault.FOREVER);
    }

    static PageFault maintenance(int times) {
        return new Maintenance(times);
    }

    static PageFault notFound() {
        return new NotFound(Fault.FOREVER);
    }

    static PageFault notFound(int times) {
        return new NotFound(times);
    }

    static PageFault serverError(int times) {
        return new ServerError(times);
    }
}
