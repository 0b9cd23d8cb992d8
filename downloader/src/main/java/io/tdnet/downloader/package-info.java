/**
 * The downloader: consumes download-queue messages, fetches each PDF from TDnet politely, streams it
 * into S3 with its sha256, and forwards a persist message (see {@link io.tdnet.downloader.DownloadWorker},
 * {@link io.tdnet.downloader.PdfDownloader}, {@link io.tdnet.downloader.DownloaderHandler}).
 *
 * <h2>One rate, everywhere</h2>
 * Every request to TDnet takes a permit from a {@link io.tdnet.model.Pacer} first (in
 * {@link io.tdnet.tdnetclient.TdnetClient}, right before it connects). Every process — each downloader
 * instance, the lister, {@code collect} and {@code dlq redrive}, locally and on AWS — reserves its
 * requests in the deployment's one slot schedule ({@link io.tdnet.wiring.pacing.SharedPacer}, a DynamoDB
 * item), at the one R of the deployment: however many instances run, any 1-second window holds at most
 * R send instants, and a backlog gets 98% of R ({@link io.tdnet.model.SlotSpacing} has the arithmetic).
 * A new or restored instance reserves its first request like any other; a {@code Retry-After} seen by
 * one instance silences all of them.
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
 * {@link io.tdnet.downloader.ArchiveWriter} stores a body at {@code pdf/YYYY/MM/DD/<id>.pdf} in one
 * PutObject with its sha256/bytes metadata (and S3's own SHA-256 checksum) when it fits in one 8 MiB
 * part, else as a multipart upload through one reused part buffer that is completed only once the
 * whole body was read; heap use does not grow with the document's size. The persist messages of a
 * batch go out together ({@link io.tdnet.downloader.PersistForwarder}).
 */
package io.tdnet.downloader;
