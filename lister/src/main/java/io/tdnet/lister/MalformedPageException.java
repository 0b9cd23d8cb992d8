package io.tdnet.lister;

/**
 * A list page that answered 200 but cannot be trusted to describe the day: no list table and not the
 * empty-day page, no banner, a banner that disagrees with the rows, a row missing a required cell. The
 * message says what was wrong; a broken page is never read as "0 disclosures".
 */
public class MalformedPageException extends Exception {
    private final String reason;

    public MalformedPageException(String reason) {
        super(reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
