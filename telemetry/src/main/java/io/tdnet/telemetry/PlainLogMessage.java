package io.tdnet.telemetry;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.tdnet.model.text.DisplayText;

/**
 * The {@code %displayMsg} conversion word of the plain-text log pattern: the formatted message through
 * {@link DisplayText#message}, so a title or href from TDnet cannot end the line, forge the next one or
 * send escape sequences to the terminal. The JSON layout does not need it: its encoder escapes the
 * message already.
 */
public final class PlainLogMessage extends ClassicConverter {
    /** The conversion word the patterns use instead of {@code %msg}. */
    public static final String WORD = "displayMsg";

    @Override
    public String convert(ILoggingEvent event) {
        return DisplayText.message(event.getFormattedMessage());
    }
}
