package io.tdnet.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class PlainLogMessageTest {
    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("io.tdnet.lister.DisclosureLister");

    private String layout(String message, Object... args) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put(PlainLogMessage.WORD, PlainLogMessage::new);
        layout.setPattern("%-5level %" + PlainLogMessage.WORD + "%n");
        layout.start();
        return layout.doLayout(new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, null, args));
    }

    @Test
    void aHostileTitleCannotForgeALineOrReachTheTerminal() {
        String line = layout("rejected row {}", "=cmd|'/c calc'!A0\r\nINFO  forged\u001b[2J\u202e\u0085");
        assertThat(line).isEqualTo("WARN  rejected row =cmd|'/c calc'!A0\\u000d\\u000aINFO  forged\\u001b[2J\\u202e\\u0085"
                + System.lineSeparator());
    }

    @Test
    void aLongMessageIsCutToTheMessageLimit() {
        String line = layout("{}", "x".repeat(10_000));
        assertThat(line.strip()).hasSize("WARN  ".length() + io.tdnet.model.text.DisplayText.MESSAGE_LIMIT).endsWith("…");
    }
}
