/**
 * The downloader: consumes download-queue messages, fetches each PDF from TDnet politely, streams it
 * into S3 with its sha256, and forwards a persist message (see {@link io.tdnet.downloader.DownloadWorker},
 * {@link io.tdnet.downloader.PdfDownloader}, {@link io.tdnet.downloader.DownloaderHandler}).
 *
 * <h2>One rate, everywhere</h2>
 * Every request to TDnet takes a permit from a {@link io.tdnet.model.Pacer} first (in
 * {@link io.tdnet.tdnetclient.TdnetClient}, right before it connects). Locally the
 * lister and all download threads share one pacer at R (default 1 request/s), so any 1-second window
 * holds at most R requests (the pacer's own proof).
 *
 * <p>On AWS each Lambda instance has its own pacer. The event source's MaximumConcurrency C bounds the
 * number of concurrent instances, and each paces at r = R / C ({@code TDNET_RATE /
 * TDNET_DOWNLOADER_CONCURRENCY}, {@link io.tdnet.model.Rate#sharedBy(int)} in the function's wiring,
 * until a pacer shared by every process replaces the split); the
 * lister finishes reading all pages before it enqueues, so list-page requests never overlap this
 * execution's downloads. The arithmetic, with the pacer margin m = 5%
 * ({@link io.tdnet.model.RequestPacer#DEFAULT_MARGIN}; spacing s = (1+m)·C/R):
 * <ul>
 *   <li>Sustained: C instances × R/(C(1+m)) = R/(1+m) ≈ 0.95 R requests per second.
 *   <li>Any window of W seconds: one instance makes at most ⌈W/s⌉ requests, so all C together at most
 *       C·⌈W·R/(C(1+m))⌉ &lt; W·R/(1+m) + C. When C divides R (R/C = k, an integer) a 1-second window
 *       holds at most C·k = R, exactly as locally. Otherwise a 1-second window may hold up to
 *       C·⌈R/(C(1+m))⌉ requests, while long windows stay at R per second. Lambda's minimum
 *       MaximumConcurrency is 2; at the default R = 1 with C = 2 each instance makes one request per
 *       2.1 s: 0.95 requests/s sustained, at most 2 in any 2-second window, and 2 in one second only
 *       when both instances happen to coincide. Choose C to divide R where the per-second bound matters.
 *   <li>A recycled instance starts a fresh pacer, so its first request is not spaced from its
 *       predecessor's last one: at most one extra request per instance start.
 * </ul>
 *
 * <h2>Retries and the longest outage survived</h2>
 * See {@link io.tdnet.downloader.RetrySchedule}: 3 attempts per delivery in process (backoff ~1 s,
 * ~2 s with jitter, Retry-After honoured up to 30 s), then visibility timeouts of 1, 2, 4, 8, 16, 32,
 * 60, 60, 60, 60, 60 minutes after deliveries 1–11; delivery 12
 * ({@link io.tdnet.model.Names#DOWNLOAD_MAX_RECEIVE_COUNT}) is the last and records a permanent failure
 * if it fails too. The 12th delivery comes 363 minutes after the first: an outage of up to
 * <b>6 h 03 min</b> loses nothing. On Lambda a document is started only while its worst case
 * ({@link io.tdnet.model.DownloadTiming#DOCUMENT_BUDGET}, 180 s) is left of the invocation; the rest of
 * the batch is returned for redelivery, so the function timeout need only exceed one budget.
 *
 * <h2>Streaming</h2>
 * Bodies go to S3 as they arrive (known length: one streamed PutObject; unknown: 8 MiB multipart parts
 * through one buffer), to a staging key, then CopyObject to {@code pdf/YYYY/MM/DD/<id>.pdf} with the
 * sha256/bytes metadata; heap use does not grow with the document's size.
 */
package io.tdnet.downloader;
