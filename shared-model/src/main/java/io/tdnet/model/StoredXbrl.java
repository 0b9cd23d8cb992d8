package io.tdnet.model;

/**
 * Where a disclosure's XBRL zip is in the bucket ({@code xbrl/YYYY/MM/DD/<disclosure_id>.zip}), with the
 * sha256 and size of exactly the bytes received.
 */
public record StoredXbrl(String s3Key, String sha256, long bytes) {}
