package io.tdnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TdnetOriginTest {
    private final TdnetOrigin origin = TdnetOrigin.of("http://127.0.0.1:8080/inbs");

    @Test
    void buildsListAndPdfUrls() {
        assertThat(origin.listPage(LocalDate.of(2026, 2, 13), 27).toString())
                .isEqualTo("http://127.0.0.1:8080/inbs/I_list_027_20260213.html");
        assertThat(origin.pdf(new DisclosureId("140120260213512345")).toString())
                .isEqualTo("http://127.0.0.1:8080/inbs/140120260213512345.pdf");
    }

    @Test
    void containsOnlyItsOwnOriginAndPath() {
        assertThat(origin.contains(URI.create("http://127.0.0.1:8080/inbs/140120260213512345.pdf"))).isTrue();
        assertThat(origin.contains(URI.create("http://127.0.0.2:8080/inbs/x.pdf"))).isFalse();
        assertThat(origin.contains(URI.create("http://127.0.0.1:8081/inbs/x.pdf"))).isFalse();
        assertThat(origin.contains(URI.create("https://127.0.0.1:8080/inbs/x.pdf"))).isFalse();
        assertThat(origin.contains(URI.create("http://127.0.0.1:8080/other/x.pdf"))).isFalse();
        assertThat(origin.contains(URI.create("http://127.0.0.1:8080/inbs/../etc/x.pdf"))).isFalse();
        assertThat(origin.contains(URI.create("http://user@127.0.0.1:8080/inbs/x.pdf"))).isFalse();
        assertThat(origin.contains(URI.create("/inbs/x.pdf"))).isFalse();
    }

    @Test
    void rejectsBadBaseUrls() {
        assertThatThrownBy(() -> TdnetOrigin.of("ftp://x/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TdnetOrigin.of("not a url")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TdnetOrigin.of("http://x/inbs/?q=1")).isInstanceOf(IllegalArgumentException.class);
    }
}
