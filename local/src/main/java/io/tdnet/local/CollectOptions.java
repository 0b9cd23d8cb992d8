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

    /**
     * Download workers of an unthrottled run (the fake TDnet on loopback): one per core, and one more. Such
     * a run is CPU-bound, so a worker beyond that only waits in a long poll; and every waiting receiver
     * takes a piece of the next message batch (ElasticMQ answers a waiting receive with the first entry of
     * a SendMessageBatch, the next waiter with the rest), so more workers mean smaller batches and more
     * calls per disclosure. Measured with {@code tdnet bench} on 2 cores (busy day, shared machine):
     * 8 download workers made 1.0 SQS calls and 33–34 ms of CPU per disclosure; 3 made 0.62 calls and
     * 30–32 ms.
     */
    public static final int UNTHROTTLED_DOWNLOAD_WORKERS = Runtime.getRuntime().availableProcessors() + 1;
    /**
     * Download workers of a paced run: 2R, so a backlog keeps a slot reserved while each worker stores its
     * previous document, at least 2, at most 16 and at most 4 per core. A paced worker spends most of its
     * cycle waiting for its slot, and each further one only adds a runnable thread at the slot instants:
     * R = 50 on 2 cores (collect against the fake in another JVM, 1,000 documents, cold JVM) gave up 43–57
     * slots as woke-late with 16 workers, 24–40 with 6–8, while 4 left the schedule idle for 3 s.
     */
    public static int pacedDownloadWorkers(double rate) {
        int perCores = 4 * Runtime.getRuntime().availableProcessors();
        return (int) Math.max(2, Math.min(Math.min(16, perCores), Math.ceil(rate * 2)));
    }

    /**
     * Persist workers, paced or unthrottled. Not fewer in an unthrottled run: once the lister keeps ahead
     * of the downloads, the persister is what the run waits for at its end (each batch's transaction is
     * many small jobs on DynamoDB Local's one SQLite thread), and its backlog is recorded seconds after
     * the last document is stored.
     */
    public static final int PERSIST_WORKERS = 4;

    /** An unthrottled run against {@code origin} (on loopback) with the default limits and worker counts, without XBRL. */
    public static CollectOptions unthrottled(TdnetOrigin origin) {
        return new CollectOptions(origin, 0, io.tdnet.model.Tdnet.DEFAULT_MAX_PDF_BYTES, io.tdnet.model.Tdnet.DEFAULT_USER_AGENT,
                UNTHROTTLED_DOWNLOAD_WORKERS, PERSIST_WORKERS);
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
