package io.tdnet.ledger;

/** A plan write was refused because the listing lease it was made under is no longer current. */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(String message) {
        super(message);
    }
}
