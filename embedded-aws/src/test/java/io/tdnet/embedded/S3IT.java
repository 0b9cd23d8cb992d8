package io.tdnet.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.model.Names;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3IT extends StackFixture {
    private static final long FIFTY_MB = 50L * 1024 * 1024;

    @Test
    void fiftyMegabytesStreamWithoutBeingHeldInTheHeap() {
        S3Client s3 = stack.s3();
        long[] heapAtEnd = {0};
        System.gc();
        long heapBefore = usedHeap();
        // A generated body: if the client (or S3Proxy in this JVM) buffered it, ~50 MB would be live near its end.
        InputStream body = new InputStream() {
            long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= FIFTY_MB) {
                    return -1;
                }
                int n = (int) Math.min(len, FIFTY_MB - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) ((position + i) % 251);
                }
                long before = position;
                position += n;
                if (before < FIFTY_MB - 1024 * 1024 && position >= FIFTY_MB - 1024 * 1024) {
                    System.gc();
                    heapAtEnd[0] = usedHeap();
                }
                return n;
            }
        };
        s3.putObject(b -> b.bucket(Names.BUCKET).key("big.pdf"), RequestBody.fromInputStream(body, FIFTY_MB));
        long growth = heapAtEnd[0] - heapBefore;
        System.out.printf("50 MB upload: heap growth near the end of the body %d KiB%n", growth / 1024);
        assertThat(heapAtEnd[0]).isPositive();
        assertThat(growth).isLessThan(20L * 1024 * 1024);
        assertThat(s3.headObject(b -> b.bucket(Names.BUCKET).key("big.pdf")).contentLength()).isEqualTo(FIFTY_MB);
        assertThat(dir.resolve("s3").resolve(Names.BUCKET).resolve("big.pdf")).hasSize(FIFTY_MB);
    }

    @Test
    void metadataRoundTripsAndACopyOntoItselfReplacesIt() {
        // ArchiveWriter gives a multipart upload its digest metadata this way, once the last part is read
        S3Client s3 = stack.s3();
        s3.putObject(b -> b.bucket(Names.BUCKET).key("pdf/2025/01/01/a.pdf").contentType("application/pdf")
                .metadata(Map.of("sha256", "abc", "bytes", "3")), RequestBody.fromString("pdf"));
        var head = s3.headObject(b -> b.bucket(Names.BUCKET).key("pdf/2025/01/01/a.pdf"));
        assertThat(head.metadata()).containsEntry("sha256", "abc").containsEntry("bytes", "3");
        assertThat(head.contentType()).isEqualTo("application/pdf");

        s3.copyObject(b -> b.sourceBucket(Names.BUCKET).sourceKey("pdf/2025/01/01/a.pdf")
                .destinationBucket(Names.BUCKET).destinationKey("pdf/2025/01/01/a.pdf")
                .metadataDirective(MetadataDirective.REPLACE).contentType("application/pdf")
                .metadata(Map.of("sha256", "def", "bytes", "3")));
        var copied = s3.headObject(b -> b.bucket(Names.BUCKET).key("pdf/2025/01/01/a.pdf"));
        assertThat(copied.metadata()).containsEntry("sha256", "def");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(Names.BUCKET).key("pdf/2025/01/01/a.pdf")).asUtf8String())
                .isEqualTo("pdf");
    }

    @Test
    void multipartUploadAssemblesTheParts() {
        S3Client s3 = stack.s3();
        String key = "multi.pdf";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(Names.BUCKET).key(key)).uploadId();
        byte[] part1 = "a".repeat(5 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        byte[] part2 = "b".repeat(1024).getBytes(StandardCharsets.US_ASCII);
        List<CompletedPart> parts = new ArrayList<>();
        int number = 1;
        for (byte[] part : List.of(part1, part2)) {
            int n = number++;
            String etag = s3.uploadPart(b -> b.bucket(Names.BUCKET).key(key).uploadId(uploadId).partNumber(n),
                    RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(Names.BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
        assertThat(s3.headObject(b -> b.bucket(Names.BUCKET).key(key)).contentLength())
                .isEqualTo(part1.length + part2.length);
    }

    /** What the downloader's single PutObject relies on (ArchiveWriter), checked on S3Proxy as on S3. */
    @Test
    void aWrongSha256ChecksumIsRefusedAndNothingIsStored() {
        S3Client s3 = stack.s3();
        String sha256OfEmpty = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(Names.BUCKET).key("pdf/x.pdf").checksumSHA256(sha256OfEmpty),
                RequestBody.fromString("not empty")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(s3.listObjectsV2(b -> b.bucket(Names.BUCKET).prefix("pdf/")).contents()).isEmpty();
        s3.putObject(b -> b.bucket(Names.BUCKET).key("pdf/x.pdf").checksumSHA256(sha256OfEmpty), RequestBody.empty());
        assertThat(s3.headObject(b -> b.bucket(Names.BUCKET).key("pdf/x.pdf")).contentLength()).isZero();
    }

    @Test
    void anUnfinishedMultipartUploadIsNotListedAndIfNoneMatchIsHonoured() {
        S3Client s3 = stack.s3();
        String key = "pdf/m.pdf";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(Names.BUCKET).key(key)).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(Names.BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[5 * 1024 * 1024])).eTag();
        assertThat(s3.listObjectsV2(b -> b.bucket(Names.BUCKET).prefix("pdf/")).contents()).isEmpty();
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(Names.BUCKET).key(key))).isInstanceOf(NoSuchKeyException.class);
        s3.completeMultipartUpload(b -> b.bucket(Names.BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertThat(s3.headObject(b -> b.bucket(Names.BUCKET).key(key)).contentLength()).isEqualTo(5 * 1024 * 1024);
        // A conditional write (not used by the downloader, which overwrites with the same bytes) is refused with 412.
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(Names.BUCKET).key(key).ifNoneMatch("*"), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
    }

    @Test
    void missingKeyIsNoSuchKey() {
        assertThatThrownBy(() -> stack.s3().getObject(b -> b.bucket(Names.BUCKET).key("absent.pdf")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> stack.s3().headObject(b -> b.bucket(Names.BUCKET).key("absent.pdf")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
