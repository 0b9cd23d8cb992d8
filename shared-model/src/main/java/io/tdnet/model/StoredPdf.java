package io.tdnet.model;

/** Where a document's bytes are, and what they are. */
public record StoredPdf(String s3Key, String sha256, long bytes) {}
