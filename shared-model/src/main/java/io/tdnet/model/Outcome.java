package io.tdnet.model;

/**
 * What happened to one listed disclosure within one execution. PENDING is written when the list is
 * accepted; the only transitions are PENDING → STORED | ALREADY_PRESENT | FAILED and
 * FAILED → STORED | ALREADY_PRESENT (a redrive that succeeds). IN_FLIGHT is final from the plan on:
 * an earlier unsettled execution of the date had already queued the disclosure and accounts for it.
 */
public enum Outcome {
    PENDING, STORED, ALREADY_PRESENT, IN_FLIGHT, FAILED
}
