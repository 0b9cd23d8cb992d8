package io.tdnet.ledger;

/** What recording one outcome did to an execution. */
public enum Transition {
    /** PENDING or FAILED → STORED: this delivery stored the disclosure. */
    STORED,
    /** PENDING or FAILED → ALREADY_PRESENT: an earlier execution had stored it. */
    ALREADY_PRESENT,
    /** PENDING → FAILED. */
    FAILED,
    /** The outcome was already final: a duplicate delivery, nothing changed. */
    DUPLICATE
}
