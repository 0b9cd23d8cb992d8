package io.tdnet.faketdnet;

/** What a row of the fake list is, as a parser should classify it. */
public enum RowKind {
    /** An ordinary row with a valid {@code <id>.pdf} link. */
    NORMAL,
    /** A {@code hyodaiUpd} row: valid link to the new title, the previous title struck through. */
    RETITLED,
    /** A {@code hyodaiDel} row: plain-text title, no link; counted in the banner. */
    DELETED,
    /** A row whose link is not a valid {@code <18 digits>.pdf}: never to be fetched. */
    REJECTED
}
