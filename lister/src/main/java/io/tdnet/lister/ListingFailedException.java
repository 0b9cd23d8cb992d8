package io.tdnet.lister;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A day could not be read completely. The execution fails with {@link #getMessage()} as its reason;
 * nothing of a failed read is enqueued.
 */
public class ListingFailedException extends Exception {

    /** Why the read failed. */
    public enum Kind {
        /** Page 1 answered 404: the date is outside TDnet's window (too old, or in the future). */
        OUT_OF_WINDOW,
        /** A page answered 200 but is not a trustworthy list page (see {@link MalformedPageException}),
         *  or shows another date than the one requested. */
        MALFORMED,
        /** Pages could be read but not reconciled with the banner: a page the banner promises answered
         *  404 or the empty-day page, or the rows never added up to the banner total. */
        INCOMPLETE,
        /** A page could not be fetched: redirect, unexpected status, oversized body, or transient
         *  failures that outlasted the retries. */
        FETCH_FAILED
    }

    private final Kind kind;
    private final LocalDate date;

    public ListingFailedException(Kind kind, LocalDate date, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.date = Objects.requireNonNull(date, "date");
    }

    public Kind kind() {
        return kind;
    }

    public LocalDate date() {
        return date;
    }
}
