package io.tdnet.model;

/**
 * Requests per second toward TDnet: the one place a rate is checked. A positive finite number, or
 * {@link #UNTHROTTLED} where a caller explicitly allows it (benchmarks and the demo against the fake).
 *
 * @param perSecond requests per second; 0 only for {@link #UNTHROTTLED}
 */
public record Rate(double perSecond) {
    /** No limit; only the local runs against the fake TDnet accept it. */
    public static final Rate UNTHROTTLED = new Rate(0);

    public Rate {
        if (Double.isNaN(perSecond) || Double.isInfinite(perSecond) || perSecond < 0) {
            throw new IllegalArgumentException("rate must be a positive number of requests per second: " + perSecond);
        }
    }

    /** A throttled rate: positive and finite. */
    public static Rate perSecond(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be a positive number of requests per second: " + perSecond);
        }
        return new Rate(perSecond);
    }

    /** Parses a configured value ({@code name} is the setting, for the message); 0 is refused. */
    public static Rate parse(String name, String value) {
        try {
            return checked(name, Double.parseDouble(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + value, e);
        }
    }

    /** A throttled rate from a setting named {@code name}, for the message; 0 is refused. */
    public static Rate checked(String name, double perSecond) {
        try {
            return perSecond(perSecond);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    public boolean unthrottled() {
        return perSecond == 0;
    }
}
