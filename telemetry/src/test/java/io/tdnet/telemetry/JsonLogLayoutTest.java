package io.tdnet.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogLayoutTest {
    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("io.tdnet.downloader.DownloadWorker");
    private final JsonLogLayout layout = new JsonLogLayout();
    private final ObjectMapper json = new ObjectMapper();

    private LoggingEvent event(Level level, String message, Throwable error, Map<String, String> mdc, Object... args) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, error, args);
        event.setMDCPropertyMap(mdc);
        return event;
    }

    private JsonNode layout(LoggingEvent event) throws IOException {
        String line = layout.doLayout(event);
        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n").doesNotContain("\r");
        return json.readTree(line);
    }

    @Test
    void writesLevelTimeComponentMessageAndTheIdsFromTheMdc() throws IOException {
        JsonNode node = layout(event(Level.INFO, "{}: stored {} bytes", null,
                Map.of("execution_id", "2026-02-13.20260213T090000Z.abcdef", "disclosure_id", "140120260213512345"),
                "140120260213512345", 1234));
        assertThat(node.get("level").asText()).isEqualTo("INFO");
        assertThat(OffsetDateTime.parse(node.get("time").asText())).isNotNull();
        assertThat(node.get("component").asText()).isEqualTo("DownloadWorker");
        assertThat(node.get("message").asText()).isEqualTo("140120260213512345: stored 1234 bytes");
        assertThat(node.get("execution_id").asText()).isEqualTo("2026-02-13.20260213T090000Z.abcdef");
        assertThat(node.get("disclosure_id").asText()).isEqualTo("140120260213512345");
        assertThat(node.has("error")).isFalse();
    }

    @Test
    void leavesOutIdsThatAreNotInTheMdcAndTakesTheComponentFromTheMdcWhenSet() throws IOException {
        JsonNode node = layout(event(Level.WARN, "listing", null, Map.of("component", "lister")));
        assertThat(node.get("component").asText()).isEqualTo("lister");
        assertThat(node.has("execution_id")).isFalse();
        assertThat(node.has("disclosure_id")).isFalse();
        JsonNode noMdc = layout(event(Level.WARN, "listing", null, Map.of()));
        assertThat(noMdc.get("component").asText()).isEqualTo("DownloadWorker");
    }

    @Test
    void escapesAnyMessageIntoValidJson() throws IOException {
        String nasty = "quote \" backslash \\ newline \n cr \r tab \t nul \u0000 bell \u0007 del \u007f "
                + "ls \u2028 ps \u2029 日本語 emoji \uD83D\uDE00 lone \uD800 end \uDC00 }{\"],";
        JsonNode node = layout(event(Level.ERROR, nasty, null, Map.of("execution_id", "x\"y\nz")));
        String expected = nasty.replace('\uD800', '\uFFFD').replace('\uDC00', '\uFFFD');
        assertThat(node.get("message").asText()).isEqualTo(expected);
        assertThat(node.get("execution_id").asText()).isEqualTo("x\"y\nz");
    }

    @Test
    void aThrowableGivesItsClassItsMessageAndOnlyAFewFrames() throws IOException {
        IllegalStateException error = new IllegalStateException("S3 said \"no\"\nsecond line");
        JsonNode node = layout(event(Level.ERROR, "message {} left for redelivery", error, Map.of(), "m-1"));
        assertThat(node.get("error").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(node.get("reason").asText()).isEqualTo("S3 said \"no\"\nsecond line");
        assertThat(node.get("at").isArray()).isTrue();
        assertThat(node.get("at").size()).isBetween(1, JsonLogLayout.MAX_FRAMES);
        assertThat(error.getStackTrace().length).isGreaterThan(JsonLogLayout.MAX_FRAMES);
        assertThat(node.get("message").asText()).isEqualTo("message m-1 left for redelivery");
    }

    @Test
    void aHugeMessageSuchAsAPageBodyIsCapped() throws IOException {
        String body = "<html>" + "x".repeat(200_000) + "</html>";
        JsonNode node = layout(event(Level.WARN, body, null, Map.of()));
        assertThat(node.get("message").asText().length()).isLessThan(JsonLogLayout.MAX_MESSAGE_CHARS + 100);
        assertThat(node.get("message").asText()).endsWith("more chars)");
    }

    @Test
    void worksInsideALogbackEncoderWithTheContext() {
        var encoder = new ch.qos.logback.core.encoder.LayoutWrappingEncoder<ch.qos.logback.classic.spi.ILoggingEvent>();
        layout.setContext(context);
        layout.start();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        byte[] bytes = encoder.encode(event(Level.INFO, "héllo", null, Map.of()));
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).contains("\"message\":\"héllo\"");
    }
}
