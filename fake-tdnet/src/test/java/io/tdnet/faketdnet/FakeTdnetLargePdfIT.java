package io.tdnet.faketdnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.model.DisclosureId;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A 600 MB document through a heap of 64 MB (failsafe runs this class alone with -Xmx64m): the fake
 * generates it while streaming and the sha256 it reports matches what a client computes.
 */
class FakeTdnetLargePdfIT {
    private static final long SIZE = 600L * 1024 * 1024;

    @Test
    void sixHundredMegabytesStreamInConstantMemory() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("run with a heap smaller than the document")
                .isLessThan(SIZE / 4);
        try (FakeTdnet fake = FakeTdnet.start()) {
            DisclosureId id = fake.addDay(LocalDate.of(2026, 2, 13), 3, 1).ids().get(0);
            fake.setPdfSize(id, SIZE);
            assertThat(fake.pdfLength(id)).isEqualTo(SIZE);

            long t0 = System.nanoTime();
            String expected = fake.pdfSha256(id);
            long hashed = System.nanoTime();
            HttpResponse<InputStream> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(fake.pdfUri(id)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long total = 0;
            byte[] first = null;
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = r.body()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (first == null) first = java.util.Arrays.copyOf(buf, 8);
                    digest.update(buf, 0, n);
                    total += n;
                }
            }
            long streamed = System.nanoTime();
            assertThat(total).isEqualTo(SIZE);
            assertThat(new String(first, 0, 7)).isEqualTo("%PDF-1.");
            assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(expected);
            System.out.printf("600 MB: pdfSha256 %d ms, HTTP stream + client sha256 %d ms, max heap %d MB%n",
                    (hashed - t0) / 1_000_000, (streamed - hashed) / 1_000_000, Runtime.getRuntime().maxMemory() >> 20);
        }
    }
}
