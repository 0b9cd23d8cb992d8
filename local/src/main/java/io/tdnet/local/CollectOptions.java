package io.tdnet.local;

import io.tdnet.model.TdnetOrigin;

/**
 * How {@code collect} (and the redrive follow-up) talks to TDnet and how many local workers it runs.
 *
 * @param rate requests per second to TDnet, pages and documents together; 0 = unthrottled (demo, bench)
 */
public record CollectOptions(TdnetOrigin origin, double rate, long maxPdfBytes, String userAgent,
                      int downloadWorkers, int persistWorkers) {
    public CollectOptions {
        new io.tdnet.model.Rate(rate); // the one rate check; 0 = unthrottled is allowed here
        if (maxPdfBytes < 1) throw new IllegalArgumentException("--max-pdf-bytes must be positive (got " + maxPdfBytes + ")");
        if (downloadWorkers < 1 || persistWorkers < 1) throw new IllegalArgumentException("worker counts must be ≥ 1");
    }

    public boolean unthrottled() {
        return rate == 0;
    }
}
