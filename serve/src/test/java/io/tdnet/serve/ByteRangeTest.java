package io.tdnet.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void aSingleRangeIsClampedToTheDocument() {
        assertThat(ByteRange.parse("bytes=0-99", 1_000)).contains(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=900-2000", 1_000)).contains(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=10-", 1_000)).contains(new ByteRange(10, 999));
        assertThat(ByteRange.parse("bytes=-10", 1_000)).contains(new ByteRange(990, 999));
        assertThat(ByteRange.parse("bytes=-5000", 1_000)).contains(new ByteRange(0, 999));
        assertThat(new ByteRange(0, 99).contentRange(1_000)).isEqualTo("bytes 0-99/1000");
        assertThat(new ByteRange(0, 99).length()).isEqualTo(100);
    }

    @Test
    void whatIsNotOneByteRangeIsIgnoredAndTheWholeDocumentSent() {
        assertThat(ByteRange.parse(null, 1_000)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-6", 1_000)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", 1_000)).isEmpty();
        assertThat(ByteRange.parse("bytes=-", 1_000)).isEmpty();
        assertThat(ByteRange.parse("bytes=9-3", 1_000)).isEmpty();
        assertThat(ByteRange.parse("bytes=99999999999999999999-", 1_000)).isEmpty();
    }

    @Test
    void aRangeOutsideTheDocumentIsUnsatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=1000-", 1_000)).isInstanceOf(ByteRange.UnsatisfiableException.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 1_000)).isInstanceOf(ByteRange.UnsatisfiableException.class);
    }
}
