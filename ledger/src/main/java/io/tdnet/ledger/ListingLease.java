package io.tdnet.ledger;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The right to plan one date, held by one lister until {@code expiresAt} unless renewed. The
 * {@code token} grows with every grant, so a lister that lost its lease (paused past the expiry, or a
 * dead process of the same holder name) is fenced off: every plan write is conditioned on the token.
 */
public record ListingLease(LocalDate date, String holder, long token, Instant expiresAt) {}
