package io.tdnet.downloader;

import io.tdnet.model.S3Keys;
import io.tdnet.model.StoredXbrl;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bucket side of an XBRL zip. A zip is checked whole in memory (bounded by the XBRL cap) before
 * anything is written, so its sha256 is known up front and it goes to its final key in ONE PutObject
 * with the {@code sha256}/{@code bytes} metadata: no staging copy, and a zip that failed a check never
 * reaches the bucket.
 */
final class XbrlArchive {
    static final String CONTENT_TYPE = "application/zip";

    private final S3Client s3;
    private final String bucket;

    XbrlArchive(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** The zip already at {@code key} with its digest metadata, if an earlier delivery stored it. */
    Optional<StoredXbrl> existing(String key) {
        return ArchiveWriter.existing(s3, bucket, key).map(o -> new StoredXbrl(o.s3Key(), o.sha256(), o.bytes()));
    }

    /** Puts checked bytes at {@code key} with their digest; same bytes, same object, whoever writes twice. */
    StoredXbrl store(String key, byte[] zip, byte[] sha256) {
        String hex = HexFormat.of().formatHex(sha256);
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(CONTENT_TYPE).contentLength((long) zip.length)
                        .checksumSHA256(Base64.getEncoder().encodeToString(sha256)) // S3 refuses bytes that differ
                        .metadata(Map.of(S3Keys.META_SHA256, hex, S3Keys.META_BYTES, Long.toString(zip.length))),
                RequestBody.fromBytes(zip));
        return new StoredXbrl(key, hex, zip.length);
    }
}
