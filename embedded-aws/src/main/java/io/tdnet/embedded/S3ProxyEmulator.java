package io.tdnet.embedded;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * S3Proxy on 127.0.0.1 over a filesystem blob store: objects are plain files at
 * {@code <directory>/<bucket>/<key>} (content type and user metadata in extended attributes).
 */
final class S3ProxyEmulator implements AutoCloseable {
    private final S3Proxy proxy;

    private S3ProxyEmulator(S3Proxy proxy) {
        this.proxy = proxy;
    }

    static S3ProxyEmulator start(Path directory, String accessKey, String secretKey) throws Exception {
        Files.createDirectories(directory);
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

    int port() {
        return proxy.getPort();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
