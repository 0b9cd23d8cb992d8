package io.tdnet.wiring.pacing;

/** The shared schedule is in use at another rate than the one this process was configured with. */
public final class RateConflictException extends IllegalStateException {
    private final double storedRate;

    public RateConflictException(double storedRate, double askedRate) {
        super("the shared TDnet schedule is in use at " + storedRate + " requests/s (a slot was reserved within the last minute);"
                + " this process asked for " + askedRate + "/s: use --rate " + storedRate
                + " (one rate per deployment), or wait until the schedule has been idle for a minute");
        this.storedRate = storedRate;
    }

    public double storedRate() {
        return storedRate;
    }
}
