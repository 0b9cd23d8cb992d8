package io.tdnet.tdnetclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS as TDnet serves it: a server on loopback whose certificate (made with the JDK's keytool) names
 * {@code localhost} only. The client completes an exchange when it trusts the certificate and the name
 * matches, and refuses an untrusted certificate or a name the certificate does not carry.
 */
class ExchangeTlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir Path dir;
    private SSLServerSocket server;
    private Thread answerer;
    private KeyStore keys;

    @BeforeEach
    void serveTls() throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        answerer = new Thread(this::answerEach, "tls-answerer");
        answerer.setDaemon(true);
        answerer.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        answerer.join(5_000);
    }

    private void answerEach() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5_000);
                InputStream in = s.getInputStream();
                int matched = 0;
                for (int b; matched < 4 && (b = in.read()) != -1; ) matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            } catch (Exception e) {
                // a refused handshake ends that connection; the next one is served
            }
        }
    }

    private SSLSocketFactory trusting() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private URI at(String host) {
        return URI.create("https://" + host + ":" + server.getLocalPort() + "/inbs/I_main_00.html");
    }

    @Test
    void aTrustedCertificateForTheHostCarriesTheExchange() throws Exception {
        try (Exchange e = Exchange.open(at("localhost"), Map.of("Accept", "text/html"), TIMEOUT, TIMEOUT, trusting())) {
            e.send();
            assertThat(e.head().status()).isEqualTo(200);
            assertThat(e.body().readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("secret");
        }
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefused() {
        // trusted, but issued to localhost while the request is for 127.0.0.1
        assertThatThrownBy(() -> Exchange.open(at("127.0.0.1"), Map.of(), TIMEOUT, TIMEOUT, trusting()))
                .isInstanceOf(SSLException.class);
    }

    @Test
    void anUntrustedCertificateIsRefusedByTheDefaultTrustStore() {
        assertThatThrownBy(() -> Exchange.open(at("localhost"), Map.of(), TIMEOUT, TIMEOUT)).isInstanceOf(SSLException.class);
    }
}
