package io.tdnet.local;

import io.tdnet.model.TdnetOrigin;
import io.tdnet.wiring.pacing.SharedPacer;
import java.nio.file.Path;

/**
 * How {@code collect} (and the redrive follow-up) talks to TDnet and how many local workers it runs.
 *
 * @param rate requests per second to TDnet, pages and documents together; 0 = unthrottled (demo, bench;
 *             only against a TDnet on loopback)
 * @param sendLog where to append each send instant the pacer allows (µs since the epoch, one a line), or
 *                null; the politeness benchmark reads it
 * @param withXbrl fetch each listed disclosure's XBRL zip too (and those missing for disclosures stored earlier)
 * @param maxXbrlBytes largest XBRL zip accepted
 */
public record CollectOptions(TdnetOrigin origin, double rate, long maxPdfBytes, String userAgent,
                      int downloadWorkers, int persistWorkers, Path sendLog, boolean withXbrl, long maxXbrlBytes) {
    public CollectOptions {
        new io.tdnet.model.Rate(rate); // the one rate check; 0 = unthrottled is allowed here
        if (rate == 0 && !origin.loopback()) {
            throw new IllegalArgumentException("--rate 0 (unthrottled) is only allowed against a TDnet on this machine"
                    + " (the fake); " + origin + " is not on loopback");
        }
        if (maxPdfBytes < 1) throw new IllegalArgumentException("--max-pdf-bytes must be positive (got " + maxPdfBytes + ")");
        if (downloadWorkers < 1 || persistWorkers < 1) throw new IllegalArgumentException("worker counts must be ≥ 1");
        if (maxXbrlBytes < 22) throw new IllegalArgumentException("--max-xbrl-bytes must be ≥ 22 (got " + maxXbrlBytes + ")");
    }

    /** Without XBRL. */
    public CollectOptions(TdnetOrigin origin, double rate, long maxPdfBytes, String userAgent, int downloadWorkers,
                          int persistWorkers, Path sendLog) {
        this(origin, rate, maxPdfBytes, userAgent, downloadWorkers, persistWorkers, sendLog, false,
                io.tdnet.model.Tdnet.DEFAULT_MAX_XBRL_BYTES);
    }

    /** The same options, with XBRL zips fetched too. */
    public CollectOptions withXbrl(long maxBytes) {
        return new CollectOptions(origin, rate, maxPdfBytes, userAgent, downloadWorkers, persistWorkers, sendLog, true, maxBytes);
    }

    public CollectOptions(TdnetOrigin origin, double rate, long maxPdfBytes, String userAgent, int downloadWorkers,
                          int persistWorkers) {
        this(origin, rate, maxPdfBytes, userAgent, downloadWorkers, persistWorkers, null);
    }

    public boolean unthrottled() {
        return rate == 0;
    }

    /** The pacer's observer: the send log when one was asked for. */
    SharedPacer.Observer sendObserver() {
        return sendLog == null ? SharedPacer.Observer.NONE : new io.tdnet.wiring.pacing.SendLog(sendLog);
    }
}
