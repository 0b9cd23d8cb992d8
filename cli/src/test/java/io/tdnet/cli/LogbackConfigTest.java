package io.tdnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CLI's own logback.xml: its text pattern escapes what a message quotes from TDnet. */
class LogbackConfigTest {

    @Test
    void theConfiguredTextPatternEscapesControlCharacters() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= Status.WARN);

        Logger logger = context.getLogger("io.tdnet.lister.DisclosureLister");
        var appender = (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LogOptions.APPENDER);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "withdrawn by TDnet: {}", null,
                new Object[] {"=HYPERLINK(1)\u001b[2J\r\nWARN forged"});
        event.setMDCPropertyMap(java.util.Map.of());
        String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
        assertThat(line).endsWith("withdrawn by TDnet: =HYPERLINK(1)\\u001b[2J\\u000d\\u000aWARN forged" + System.lineSeparator());
        context.stop();
    }
}
