package io.tdnet.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureReasonsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http 404|http_404",
            "http 410|http_410",
            "http 403|http_4xx",
            "http 503|http_5xx",
            "http 429 (Retry-After 5 s)|http_429",
            "not a PDF (starts with <html>)|not_pdf",
            "not a PDF (empty body)|not_pdf",
            "body over 1000 bytes (Content-Length 5000)|too_large",
            "redirect to http://127.0.0.1/x refused (http 302)|redirect",
            "pdf_url http://evil/x.pdf is outside the TDnet origin http://a/; not fetched|outside_origin",
            "gave up after 6 deliveries: http 503|gave_up",
            "read timed out after 30000 ms|timeout",
            "connection refused: x|connection",
            "connection broken: Connection reset|connection",
            "truncated body (10 of 20 bytes)|truncated",
            "absolute URL, not a relative document link|rejected_row",
            "javascript: link|rejected_row",
            "document id is not 18 digits|rejected_row",
            "s3: service unavailable|storage",
            "something new|other",
    })
    void classifiesReasons(String reason, String category) {
        assertThat(FailureReasons.category(reason)).isEqualTo(category);
    }

    @org.junit.jupiter.api.Test
    void nullOrBlankIsOther() {
        assertThat(FailureReasons.category(null)).isEqualTo(FailureReasons.OTHER);
        assertThat(FailureReasons.category(" ")).isEqualTo(FailureReasons.OTHER);
    }
}
