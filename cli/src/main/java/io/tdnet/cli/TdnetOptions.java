package io.tdnet.cli;

import io.tdnet.local.CollectOptions;
import io.tdnet.model.Tdnet;
import io.tdnet.model.Rate;
import io.tdnet.model.TdnetOrigin;
import picocli.CommandLine.Option;

/** How to reach TDnet: shared by collect, demo and dlq redrive. */
final class TdnetOptions {
    @Option(names = "--tdnet-url", paramLabel = "URL", defaultValue = Tdnet.DEFAULT_BASE_URL,
            description = "TDnet list base URL; documents are fetched only from this origin (default: ${DEFAULT-VALUE}).")
    String tdnetUrl;

    @Option(names = "--rate", paramLabel = "RPS", defaultValue = "1",
            description = "Requests per second to TDnet, list pages and documents together, shared by every process"
                    + " of the environment (default: ${DEFAULT-VALUE}); 0 = unthrottled, only against a TDnet on loopback.")
    double rate;

    @Option(names = "--send-log", paramLabel = "FILE", hidden = true,
            description = "Append each send instant toward TDnet (µs since the epoch) to FILE (the politeness benchmark).")
    java.nio.file.Path sendLog;

    @Option(names = "--max-pdf-bytes", paramLabel = "N", defaultValue = "" + Tdnet.DEFAULT_MAX_PDF_BYTES,
            description = "Largest document accepted; a larger one is a permanent failure (default: ${DEFAULT-VALUE}).")
    long maxPdfBytes;

    @Option(names = "--with-xbrl",
            description = "Fetch each listed disclosure's XBRL zip too (one more request per linked row, at the same rate),"
                    + " and the XBRLs missing for disclosures stored earlier.")
    boolean withXbrl;

    @Option(names = "--max-xbrl-bytes", paramLabel = "N", defaultValue = "" + Tdnet.DEFAULT_MAX_XBRL_BYTES,
            description = "Largest XBRL zip accepted; a larger one is a permanent failure of the XBRL (default: ${DEFAULT-VALUE}).")
    long maxXbrlBytes;

    @Option(names = "--user-agent", paramLabel = "S", defaultValue = Tdnet.DEFAULT_USER_AGENT,
            description = "User-Agent sent to TDnet (default: ${DEFAULT-VALUE}).")
    String userAgent;

    @Option(names = "--workers", paramLabel = "N", description = "Download worker threads (default: from the rate).")
    Integer downloadWorkers;

    CollectOptions toCollectOptions(boolean unthrottled) {
        double effectiveRate = unthrottled || rate == 0 ? 0 : Rate.checked("--rate", rate).perSecond();
        int workers = downloadWorkers != null ? downloadWorkers
                : effectiveRate == 0 ? CollectOptions.UNTHROTTLED_DOWNLOAD_WORKERS : CollectOptions.pacedDownloadWorkers(effectiveRate);
        return new CollectOptions(TdnetOrigin.of(tdnetUrl), effectiveRate, maxPdfBytes, userAgent, workers, CollectOptions.PERSIST_WORKERS, sendLog,
                withXbrl, maxXbrlBytes);
    }
}
