package io.tdnet.wiring.pacing;

/** This process's clock cannot be placed on the shared schedule's time line closely enough to pace. */
public final class ClockSkewException extends IllegalStateException {
    public ClockSkewException(String message) {
        super(message);
    }
}
