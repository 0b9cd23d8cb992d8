package io.tdnet.lister;

import io.tdnet.model.ExecutionSummary;

/**
 * What one listing did: the execution it belongs to (new or resumed), how many download messages it
 * sent, and, when the list could not be read completely, why.
 *
 * @param failureKind null when the list was accepted
 */
public record ListingResult(ExecutionSummary summary, int enqueued, ListingFailedException.Kind failureKind, String failure) {
    public boolean accepted() {
        return failureKind == null;
    }
}
