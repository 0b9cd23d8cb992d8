package io.tdnet.downloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PdfBodyTest {
    private static final byte[] DOC = "%PDF-1.7 some bytes of a document".getBytes();

    @Test
    void passesTheBytesThroughAndDigestsThem() throws Exception {
        PdfBody body = new PdfBody(new ByteArrayInputStream(DOC), DOC.length, 1000);
        assertThat(body.readAllBytes()).isEqualTo(DOC);
        assertThat(body.complete()).isTrue();
        assertThat(body.count()).isEqualTo(DOC.length);
        assertThat(body.sha256Hex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(DOC)));
    }

    @Test
    void anUndeclaredBodyIsCompleteAtEndOfStream() throws Exception {
        PdfBody body = new PdfBody(new ByteArrayInputStream(DOC), -1, 1000);
        assertThat(body.complete()).isFalse();
        body.readAllBytes();
        assertThat(body.complete()).isTrue();
    }

    @Test
    void endingBeforeTheContentLengthIsATruncationAndSticks() {
        PdfBody body = new PdfBody(new ByteArrayInputStream(DOC), DOC.length + 10, 1000);
        assertThatThrownBy(body::readAllBytes).isInstanceOf(PdfBody.TruncatedBodyException.class)
                .hasMessage("truncated body (" + DOC.length + " of " + (DOC.length + 10) + " bytes)");
        assertThatThrownBy(body::read).isInstanceOf(PdfBody.TruncatedBodyException.class);
        assertThat(body.complete()).isFalse();
        assertThat(body.overCap()).isFalse();
    }

    @Test
    void growingPastTheCapIsCutOff() {
        PdfBody body = new PdfBody(new ByteArrayInputStream(DOC), -1, 10);
        assertThatThrownBy(body::readAllBytes).isInstanceOf(PdfBody.BodyOverCapException.class)
                .hasMessageContaining("body over 10 bytes");
        assertThat(body.overCap()).isTrue();
        assertThat(body.complete()).isFalse();
    }

    @Test
    void aSourceFailureIsRememberedForClassification() {
        IOException reset = new java.net.SocketException("Connection reset");
        InputStream broken = new InputStream() {
            @Override public int read() throws IOException { throw reset; }
            @Override public int read(byte[] b, int off, int len) throws IOException { throw reset; }
        };
        PdfBody body = new PdfBody(broken, 100, 1000);
        assertThatThrownBy(() -> body.read(new byte[10])).isSameAs(reset);
        assertThat(body.failure()).isSameAs(reset);
        assertThatThrownBy(() -> body.read(new byte[10])).isSameAs(reset);
    }
}
