package io.tdnet.downloader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ZipCheckTest {

    private static byte[] zip(String comment) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("XBRLData/Summary/a.htm"));
            zip.write("<html>決算短信</html>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            if (comment != null) zip.setComment(comment);
        }
        return out.toByteArray();
    }

    @Test
    void aWholeZipPasses() throws IOException {
        assertThat(ZipCheck.problem(zip(null))).isEmpty();
    }

    @Test
    void aWholeZipWithACommentPasses() throws IOException {
        assertThat(ZipCheck.problem(zip("x".repeat(300)))).isEmpty();
    }

    @Test
    void aZipCutShortFailsForItsMissingEndRecord() throws IOException {
        byte[] whole = zip(null);
        for (int cut : new int[] {1, 10, 22, 40, whole.length / 2}) {
            assertThat(ZipCheck.problem(Arrays.copyOf(whole, whole.length - cut))).as("cut %d", cut)
                    .hasValueSatisfying(p -> assertThat(p).startsWith("truncated zip"));
        }
    }

    @Test
    void aZipWithBytesAfterItsEndRecordFails() throws IOException {
        byte[] whole = zip(null);
        byte[] longer = Arrays.copyOf(whole, whole.length + 5);
        assertThat(ZipCheck.problem(longer)).hasValueSatisfying(p -> assertThat(p).startsWith("truncated zip"));
    }

    @Test
    void htmlInsteadOfAZipFailsOnItsSignature() {
        byte[] html = "<!DOCTYPE html><html><body>ご指定のページは見つかりませんでした。</body></html>".getBytes(StandardCharsets.UTF_8);
        assertThat(ZipCheck.problem(html)).hasValueSatisfying(p -> assertThat(p).startsWith("not a zip (starts with <!DOCTYPE"));
    }

    @Test
    void anEmptyBodyAndAnEndRecordAloneFail() {
        assertThat(ZipCheck.problem(new byte[0])).contains("not a zip (empty body)");
        byte[] endOnly = {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThat(ZipCheck.problem(endOnly)).hasValueSatisfying(p -> assertThat(p).startsWith("not a zip"));
    }

    @Test
    void aLocalHeaderAloneHasNoEndRecord() {
        assertThat(ZipCheck.problem(new byte[] {'P', 'K', 3, 4}))
                .hasValueSatisfying(p -> assertThat(p).startsWith("truncated zip"));
    }
}
