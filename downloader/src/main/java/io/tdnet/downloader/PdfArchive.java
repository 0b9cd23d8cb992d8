package io.tdnet.downloader;

import io.tdnet.model.DisclosureId;
import io.tdnet.model.S3Keys;
import io.tdnet.model.StoredPdf;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
 * The bucket side of a download. S3 user metadata must be written with the object, but the sha256 is
 * known only after the last byte, so a body is streamed to a staging key first and then copied to its
 * final key with {@code sha256}/{@code bytes} metadata; the staging object is then deleted. A final
 * object therefore always carries the digest of exactly its own bytes, and a failed or truncated
 * upload never appears under {@code pdf/}.
 */
final class PdfArchive {
    private static final Logger log = LoggerFactory.getLogger(PdfArchive.class);
    static final String CONTENT_TYPE = "application/pdf";

    private final S3Client s3;
    private final String bucket;
    private final int partSize;

    PdfArchive(S3Client s3, String bucket, int partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    /** The object already at {@code key} with its digest metadata, if an earlier delivery stored it. */
    Optional<StoredPdf> existing(String key) {
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
     * Streams {@code body} to a staging key, then copies it to {@code finalKey} with its digest.
     * Throws IOException when the body itself failed (see {@link PdfBody#failure()}), an SDK exception
     * when S3 did; either way nothing is left at the final key and the staging object is removed.
     */
    StoredPdf store(String finalKey, DisclosureId id, PdfBody body, long declaredLength) throws IOException {
        String staging = S3Keys.stagingKey(id, UUID.randomUUID().toString());
        boolean copied = false;
        try {
            if (declaredLength >= 0) {
                // Known length: the sync client streams it (no buffering of the body).
                s3.putObject(b -> b.bucket(bucket).key(staging).contentType(CONTENT_TYPE).contentLength(declaredLength),
                        RequestBody.fromInputStream(body, declaredLength));
            } else {
                uploadUnknownLength(staging, body);
            }
            if (body.failure() != null) throw body.failure();
            if (!body.complete()) {
                // The SDK stopped reading before the end: never store a document we did not read whole.
                throw new PdfBody.TruncatedBodyException(body.count(), declaredLength);
            }
            String sha256 = body.sha256Hex();
            long bytes = body.count();
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(staging)
                    .destinationBucket(bucket).destinationKey(finalKey)
                    .metadataDirective(MetadataDirective.REPLACE)
                    .contentType(CONTENT_TYPE)
                    .metadata(Map.of(S3Keys.META_SHA256, sha256, S3Keys.META_BYTES, Long.toString(bytes))));
            copied = true;
            deleteQuietly(staging);
            return new StoredPdf(finalKey, sha256, bytes);
        } catch (RuntimeException e) {
            // The SDK wraps an exception thrown by the body stream; surface the body's own failure.
            if (body.failure() != null) throw body.failure();
            throw e;
        } finally {
            if (!copied) deleteQuietly(staging);
        }
    }

    /**
     * No Content-Length: parts of {@code partSize} through one reused buffer, so memory stays at one
     * part whatever the document's size. A body that fits in one part is a single PutObject.
     */
    private void uploadUnknownLength(String staging, PdfBody body) throws IOException {
        byte[] buffer = new byte[partSize];
        int n = body.readNBytes(buffer, 0, partSize);
        if (n < partSize) {
            putBytes(staging, buffer, n);
            return;
        }
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(staging).contentType(CONTENT_TYPE)).uploadId();
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int partNumber = 1;
            while (n > 0) {
                int number = partNumber++;
                int length = n;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(staging).uploadId(uploadId).partNumber(number)
                                .contentLength((long) length),
                        RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                if (length < partSize) break;
                n = body.readNBytes(buffer, 0, partSize);
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(staging).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            completed = true;
        } finally {
            if (!completed) {
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(staging).uploadId(uploadId));
                } catch (RuntimeException e) {
                    log.warn("could not abort multipart upload of {}: {}", staging, e.toString());
                }
            }
        }
    }

    private void putBytes(String key, byte[] buffer, int length) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(CONTENT_TYPE).contentLength((long) length),
                RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length));
    }

    private void deleteQuietly(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            // A leftover staging object is harmless (never read); a bucket lifecycle rule expires them.
            log.warn("could not delete staging object {}: {}", key, e.toString());
        }
    }
}
