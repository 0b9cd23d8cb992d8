package io.tdnet.embedded;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3Proxy on 127.0.0.1 over a filesystem blob store: objects are plain files at
 * {@code <directory>/<bucket>/<key>} (content type and user metadata in extended attributes).
 *
 * <p>S3Proxy writes a PutObject's body to {@code <key>-<uuid>} beside the key and renames it into place
 * when the body is complete, so an object is all or nothing, as on S3. But a process killed during
 * the write leaves that temporary file, and S3Proxy lists it as an object: {@link #start} deletes such
 * leftovers first (only one process uses a data directory, so none is a write in progress).
 */
final class S3ProxyEmulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3ProxyEmulator.class);
    private final S3Proxy proxy;

    private S3ProxyEmulator(S3Proxy proxy) {
        this.proxy = proxy;
    }

    /** {@code <name>-<random UUID>}: S3Proxy's temporary file of a PutObject in progress. */
    private static final Pattern UPLOAD_LEFTOVER =
            Pattern.compile(".+-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    static S3ProxyEmulator start(Path directory, String accessKey, String secretKey) throws Exception {
        Files.createDirectories(directory);
        deleteUploadLeftovers(directory);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(directory.toAbsolutePath().toString()))
                .endpoint(URI.create("http://" + LoopbackPorts.LOOPBACK + ":0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                // The SDK sends headers S3Proxy does not know (checksum and SDK headers); AWS ignores them too.
                .ignoreUnknownHeaders(true)
                .jettyMaxThreads(64)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3ProxyEmulator(proxy);
    }

    /** Deletes the temporary files of PutObjects a killed process never finished; returns how many. */
    static int deleteUploadLeftovers(Path directory) throws IOException {
        List<Path> leftovers;
        try (Stream<Path> files = Files.walk(directory)) {
            leftovers = files.filter(Files::isRegularFile)
                    .filter(p -> UPLOAD_LEFTOVER.matcher(p.getFileName().toString()).matches())
                    // multipart parts and stubs live under S3Proxy's own hidden .mpus- names
                    .filter(p -> !directory.relativize(p).toString().contains(".mpus-"))
                    .filter(p -> !p.getFileName().toString().startsWith(".s3proxy"))
                    .toList();
        }
        for (Path leftover : leftovers) {
            log.info("deleting {}: an upload a killed process never finished", leftover);
            Files.deleteIfExists(leftover);
        }
        return leftovers.size();
    }

    int port() {
        return proxy.getPort();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
