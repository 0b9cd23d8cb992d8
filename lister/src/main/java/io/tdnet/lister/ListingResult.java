package io.tdnet.lister;

import io.tdnet.model.ExecutionSummary;

/**
 * What one listing did: the execution it belongs to (new or resumed), how many download messages it
 * sent, and, when the list could not be read completely, why.
 *
 * @param failureKind null when the list was accepted
 * @param listedNow true when this call is the one that reports the execution's listed rows (the
 *     {@code Listed} metric): it accepted the list, or continued one whose lister died before reporting
 *     it; false when it found the execution already running and did nothing, so metrics summed per
 *     execution equal the ledger's {@code listed}
 */
public record ListingResult(ExecutionSummary summary, int enqueued, ListingFailedException.Kind failureKind, String failure,
                            boolean listedNow) {

    /** A result that reports its listed rows when it was accepted. */
    public ListingResult(ExecutionSummary summary, int enqueued, ListingFailedException.Kind failureKind, String failure) {
        this(summary, enqueued, failureKind, failure, failureKind == null);
    }

    public boolean accepted() {
        return failureKind == null;
    }
}
