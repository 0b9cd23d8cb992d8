package io.tdnet.ledger;

/**
 * A message names an execution or disclosure the ledger never planned (no outcome row): counting it
 * would break listed = stored + already_present + failed, so it is refused (the message goes to a DLQ).
 */
public final class UnknownOutcomeException extends RuntimeException {
    public UnknownOutcomeException(String message) {
        super(message);
    }
}
