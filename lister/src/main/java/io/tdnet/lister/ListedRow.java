package io.tdnet.lister;

import io.tdnet.model.Disclosure;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One data row of a list page. Every row counts toward the banner total, so every row is kept, whatever
 * it turns out to be.
 */
public sealed interface ListedRow permits ListedRow.Linked, ListedRow.Withdrawn, ListedRow.Rejected {

    /** When the row was disclosed (page date + row time, +09:00). */
    OffsetDateTime at();

    /** The 5-character company code. */
    String code();

    /** A row with a valid {@code <18 digits>.pdf} link: a disclosure to archive. */
    record Linked(Disclosure disclosure) implements ListedRow {
        public Linked {
            Objects.requireNonNull(disclosure, "disclosure");
        }

        @Override
        public OffsetDateTime at() {
            return disclosure.disclosedAt();
        }

        @Override
        public String code() {
            return disclosure.companyCode();
        }
    }

    /**
     * A deleted row ({@code tr.hyodaiDel}): the title is plain text and there is no document id. It still
     * counts in the banner total.
     *
     * @param history the history cell, e.g. {@code 2026/02/13 18:05 削除}, or null
     */
    record Withdrawn(OffsetDateTime at, String code, String name, String title, String history)
            implements ListedRow {
        public Withdrawn {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * A row whose link is not a relative {@code <18 digits>.pdf}: never fetched, carried as evidence.
     *
     * @param href the raw {@code href} attribute as the page had it, or null when the row had no link
     * @param reason what is wrong with it, for the execution's failure record
     */
    record Rejected(OffsetDateTime at, String code, String name, String title, String href, String reason)
            implements ListedRow {
        public Rejected {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
