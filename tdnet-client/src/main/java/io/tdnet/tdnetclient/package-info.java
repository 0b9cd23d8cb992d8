/**
 * The TDnet HTTP component ({@link io.tdnet.tdnetclient.TdnetClient}) shared by the lister's page
 * client and the downloader: what is TDnet's (origin, pacing, status classes, {@code Retry-After},
 * retries) lives here; what is each caller's (page parsing, PDF validation and streaming) stays there.
 */
package io.tdnet.tdnetclient;
