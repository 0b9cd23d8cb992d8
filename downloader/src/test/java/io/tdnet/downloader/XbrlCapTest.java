package io.tdnet.downloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.tdnetclient.TdnetFailure;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** The XBRL size cap while reading (the declared Content-Length is refused before reading: XbrlCollectIT). */
class XbrlCapTest {

    @Test
    void aBodyUpToTheCapIsReadWhole() throws Exception {
        assertThat(XbrlDownloader.readCapped(new ByteArrayInputStream(new byte[100]), -1, 100)).hasSize(100);
        assertThat(XbrlDownloader.readCapped(new ByteArrayInputStream(new byte[100]), 100, 100)).hasSize(100);
    }

    @Test
    void anUndeclaredBodyOverTheCapIsAPermanentFailure() {
        assertThatThrownBy(() -> XbrlDownloader.readCapped(new ByteArrayInputStream(new byte[101]), -1, 100))
                .isInstanceOfSatisfying(TdnetFailure.class, f -> {
                    assertThat(f.isTransient()).isFalse();
                    assertThat(f.getMessage()).contains("zip over 100 bytes");
                });
    }

    @Test
    void aBodyShorterThanDeclaredIsTransient() {
        assertThatThrownBy(() -> XbrlDownloader.readCapped(new ByteArrayInputStream(new byte[50]), 80, 100))
                .isInstanceOf(PdfBody.TruncatedBodyException.class).hasMessageContaining("50 of 80");
    }
}
