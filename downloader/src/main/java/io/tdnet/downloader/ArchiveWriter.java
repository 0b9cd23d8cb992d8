package io.tdnet.downloader;

import io.tdnet.model.S3Keys;
import io.tdnet.model.StoredPdf;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Stores one downloaded artifact (the PDF; any other document of a disclosure the same way) at its
 * final key in one write, with its own SHA-256 and size as user metadata, and finds it again.
 *
 * <ul>
 *   <li>A body that fits in one part (the usual document) is read into a buffer of its size, hashed,
 *       and sent as a single PutObject carrying {@code sha256}/{@code bytes} metadata and S3's
 *       {@code x-amz-checksum-sha256} of the same digest, so S3 itself refuses bytes that differ from
 *       what was hashed. A single PUT is atomic: the key shows the whole object or nothing.
 *   <li>A larger body goes up as a multipart upload through one reused part buffer (memory stays at
 *       one part whatever the size). It is invisible until CompleteMultipartUpload, which is sent only
 *       once every byte was read; a failed one is aborted (the bucket's lifecycle rule aborts what a
 *       killed process leaves). Its metadata must be given when the upload starts, before the digest is
 *       known, so a completed upload gets its digest by a copy onto itself (a multipart checksum is a
 *       composite of the parts, not the file's SHA-256). Until then {@link #existing} does not count it
 *       as stored, and a redelivery uploads it again.
 * </ul>
 * A stored document of one part costs two S3 calls: HeadObject (idempotency) and PutObject.
 * Thread-safe: each call uses its own buffer.
 */
public final class ArchiveWriter {
    private static final Logger log = LoggerFactory.getLogger(ArchiveWriter.class);

    /**
     * One thing to store: where, as what, and the largest body accepted (a body over it fails with
     * {@link PdfBody.BodyOverCapException}, read no further).
     */
    public record Artifact(String key, String contentType, long maxBytes) {
        public Artifact {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(contentType, "contentType");
            if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
    }

    private final S3Client s3;
    private final String bucket;
    private final int partSize;

    /** @param partSize the largest single PutObject, and the multipart part size above it (≥ 5 MiB) */
    public ArchiveWriter(S3Client s3, String bucket, int partSize) {
        if (partSize < DownloaderConfig.MIN_PART_SIZE) throw new IllegalArgumentException("part size under 5 MiB: " + partSize);
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    /** The object already at {@code key} with its digest metadata, if an earlier delivery stored it. */
    public Optional<StoredPdf> existing(String key) {
        return existing(s3, bucket, key);
    }

    /**
     * The object at {@code key} with the {@code sha256}/{@code bytes} metadata every writer of this
     * bucket sets (the PDFs here, the XBRL zips in {@link XbrlArchive}); empty when absent or without it.
     */
    static Optional<StoredPdf> existing(S3Client s3, String bucket, String key) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw e;
        }
        String sha = head.metadata().get(S3Keys.META_SHA256);
        String bytes = head.metadata().get(S3Keys.META_BYTES);
        if (sha == null || bytes == null) return Optional.empty();
        try {
            return Optional.of(new StoredPdf(key, sha, Long.parseLong(bytes)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads {@code in} to its end (no more than {@code declaredLength} bytes when that is ≥ 0) and
     * stores it at the artifact's key. Throws IOException when the body failed (I/O, truncated, over
     * the cap: see {@link PdfBody}), an SDK exception when S3 did; either way nothing new is at the key.
     */
    public StoredPdf store(Artifact artifact, InputStream in, long declaredLength) throws IOException {
        PdfBody body = new PdfBody(in, declaredLength, artifact.maxBytes());
        int first = declaredLength >= 0 && declaredLength <= partSize ? (int) declaredLength : partSize;
        byte[] buffer = new byte[first];
        int n = body.readNBytes(buffer, 0, first);
        if (declaredLength >= 0 ? declaredLength <= partSize : n < partSize) {
            return putWhole(artifact, body, buffer, n, declaredLength);
        }
        return putInParts(artifact, body, buffer, n, declaredLength);
    }

    private StoredPdf putWhole(Artifact artifact, PdfBody body, byte[] buffer, int length, long declaredLength)
            throws IOException {
        requireComplete(body, declaredLength);
        byte[] digest = body.sha256();
        String sha256 = HexFormat.of().formatHex(digest);
        s3.putObject(b -> b.bucket(bucket).key(artifact.key()).contentType(artifact.contentType())
                        .contentLength((long) length)
                        .checksumSHA256(Base64.getEncoder().encodeToString(digest))
                        .metadata(metadata(sha256, length)),
                RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length));
        return new StoredPdf(artifact.key(), sha256, length);
    }

    private StoredPdf putInParts(Artifact artifact, PdfBody body, byte[] buffer, int firstLength, long declaredLength)
            throws IOException {
        String key = artifact.key();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(artifact.contentType())).uploadId();
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int n = firstLength;
            int partNumber = 1;
            while (n > 0) {
                int number = partNumber++;
                int length = n;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                                .contentLength((long) length),
                        RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                if (length < partSize) break;
                n = body.readNBytes(buffer, 0, partSize);
            }
            requireComplete(body, declaredLength);
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            completed = true;
        } finally {
            if (!completed) abortQuietly(key, uploadId);
        }
        String sha256 = HexFormat.of().formatHex(body.sha256());
        long bytes = body.count();
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(key)
                .metadataDirective(MetadataDirective.REPLACE)
                .contentType(artifact.contentType())
                .metadata(metadata(sha256, bytes)));
        return new StoredPdf(key, sha256, bytes);
    }

    /** Never store a document that was not read whole. */
    private static void requireComplete(PdfBody body, long declaredLength) throws IOException {
        if (body.failure() != null) throw body.failure();
        if (!body.complete()) throw new PdfBody.TruncatedBodyException(body.count(), declaredLength);
    }

    private static Map<String, String> metadata(String sha256, long bytes) {
        return Map.of(S3Keys.META_SHA256, sha256, S3Keys.META_BYTES, Long.toString(bytes));
    }

    private void abortQuietly(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            // the bucket's lifecycle rule aborts it later; an incomplete upload is never visible
            log.warn("could not abort multipart upload of {}: {}", key, e.toString());
        }
    }
}
