package io.tdnet.telemetry;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonGenerator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One JSON object per log event, on one line: {@code level}, {@code time} (ISO-8601, UTC, millis),
 * {@code component} (the {@code component} MDC value, else the logger's simple name), {@code message},
 * {@code execution_id} and {@code disclosure_id} from the MDC when present, and for an attached
 * throwable {@code error} (its class), {@code reason} (its message, capped) and {@code at} (at most
 * {@value #MAX_FRAMES} frames). Messages are capped at {@value #MAX_MESSAGE_CHARS} characters, so a page
 * body logged by mistake cannot flood the log; every string is escaped, so any message is valid JSON.
 *
 * <p>Use it in logback.xml inside a {@code LayoutWrappingEncoder}:
 * <pre>{@code <encoder class="ch.qos.logback.core.encoder.LayoutWrappingEncoder">
 *   <layout class="io.tdnet.telemetry.JsonLogLayout"/>
 * </encoder>}</pre>
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {
    /** MDC keys this layout promotes to top-level fields. */
    public static final String MDC_EXECUTION_ID = "execution_id";
    public static final String MDC_DISCLOSURE_ID = "disclosure_id";
    public static final String MDC_COMPONENT = "component";

    static final int MAX_FRAMES = 3;
    static final int MAX_MESSAGE_CHARS = 2_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    @Override
    public String doLayout(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        String component = mdc == null ? null : mdc.get(MDC_COMPONENT);
        String line = JsonLines.object(json -> {
            string(json, "level", event.getLevel().toString());
            string(json, "time", TIME.format(Instant.ofEpochMilli(event.getTimeStamp())));
            string(json, "component", component != null ? component : simpleName(event.getLoggerName()));
            string(json, "message", capped(event.getFormattedMessage()));
            if (mdc != null) {
                string(json, "execution_id", mdc.get(MDC_EXECUTION_ID));
                string(json, "disclosure_id", mdc.get(MDC_DISCLOSURE_ID));
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                string(json, "error", error.getClassName());
                string(json, "reason", capped(error.getMessage()));
                json.writeArrayFieldStart("at");
                StackTraceElementProxy[] trace = error.getStackTraceElementProxyArray();
                int n = trace == null ? 0 : Math.min(MAX_FRAMES, trace.length);
                for (int i = 0; i < n; i++) json.writeString(JsonLines.wellFormed(trace[i].getStackTraceElement().toString()));
                json.writeEndArray();
            }
        });
        return line + CoreConstants.LINE_SEPARATOR;
    }

    @Override
    public String getContentType() {
        return "application/json";
    }

    static String simpleName(String loggerName) {
        if (loggerName == null) return null;
        int dot = loggerName.lastIndexOf('.');
        return dot < 0 ? loggerName : loggerName.substring(dot + 1);
    }

    private static String capped(String text) {
        if (text == null || text.length() <= MAX_MESSAGE_CHARS) return text;
        return text.substring(0, MAX_MESSAGE_CHARS) + "… (" + (text.length() - MAX_MESSAGE_CHARS) + " more chars)";
    }

    /** A string member; a null value is left out. */
    private static void string(JsonGenerator json, String name, String value) throws java.io.IOException {
        if (value != null) json.writeStringField(name, JsonLines.wellFormed(value));
    }
}
