package io.tdnet.lister;

/** Another lister kept a date's listing lease for longer than this lister was willing to wait. */
public final class LeaseHeldException extends RuntimeException {
    public LeaseHeldException(String message) {
        super(message);
    }
}
