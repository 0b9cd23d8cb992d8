package io.tdnet.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.tdnet.telemetry.JsonLogLayout;
import io.tdnet.telemetry.PlainLogMessage;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * {@code --log-format text|json} and {@code --log-level LEVEL}, accepted by every command. Logs go to
 * stderr (stdout is the command's output): readable text by default (the message through
 * {@link PlainLogMessage}, so no TDnet text can forge a line or reach the terminal raw), or one JSON object per line
 * through the same {@link JsonLogLayout} the Lambdas use. The level applies to the pipeline's own
 * loggers; the emulators stay at WARN.
 */
final class LogOptions {
    enum Format { TEXT, JSON }

    static final String FORMAT = "--log-format";
    static final String LEVEL = "--log-level";
    /** The appender of cli/src/main/resources/logback.xml. */
    static final String APPENDER = "STDERR";
    static final String TEXT_PATTERN =
            "%d{HH:mm:ss.SSS} %-5level %logger{0} %X{execution_id:-}%X{disclosure_id:+ }%X{disclosure_id:-} - %"
                    + PlainLogMessage.WORD + "%n";
    /** The loggers --log-level sets: the pipeline's services and the CLI, not the embedded emulators. */
    static final List<String> PIPELINE_LOGGERS = List.of("io.tdnet.lister", "io.tdnet.downloader", "io.tdnet.persister",
            "io.tdnet.ledger", "io.tdnet.dlq", "io.tdnet.local", "io.tdnet.cli", "io.tdnet.bench");

    @Option(names = FORMAT, paramLabel = "text|json", converter = FormatConverter.class,
            description = "Log lines on stderr: readable text (default) or one JSON object per line.")
    Format format;

    @Option(names = LEVEL, paramLabel = "LEVEL",
            description = "Level of the pipeline's own log lines: error, warn (default), info, debug.")
    String level;

    /** Adds the options to {@code command} and every subcommand under it. */
    static void addTo(CommandLine command) {
        command.addMixin("logging", new LogOptions());
        command.getSubcommands().values().forEach(sub -> {
            if (!sub.getCommandSpec().mixins().containsKey("logging")) addTo(sub);
        });
    }

    /**
     * Configures logging from whichever command of the invocation carried the options (the last one
     * wins); without them, text at the configured level — so each in-process run starts clean.
     */
    static void apply(ParseResult parseResult) {
        Format format = Format.TEXT;
        String level = null;
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption(FORMAT)) format = pr.matchedOptionValue(FORMAT, format);
            if (pr.hasMatchedOption(LEVEL)) level = pr.matchedOptionValue(LEVEL, level);
        }
        configure(format, level);
    }

    static void configure(Format format, String level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        Level pipelineLevel = level == null ? defaultLevel() : parseLevel(level);
        for (String name : PIPELINE_LOGGERS) context.getLogger(name).setLevel(pipelineLevel);
        Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER);
        if (!(appender instanceof OutputStreamAppender<ILoggingEvent> console)) return;
        LayoutBase<ILoggingEvent> layout;
        if (format == Format.JSON) {
            layout = new JsonLogLayout();
        } else {
            // The message goes through DisplayText: titles and hrefs from TDnet must not forge lines.
            PatternLayout text = new PatternLayout();
            text.getInstanceConverterMap().put(PlainLogMessage.WORD, PlainLogMessage::new);
            text.setPattern(TEXT_PATTERN);
            layout = text;
        }
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setLayout(layout);
        encoder.setCharset(java.nio.charset.StandardCharsets.UTF_8);
        encoder.setContext(context);
        encoder.start();
        console.stop();
        console.setEncoder(encoder);
        console.start();
    }

    private static Level defaultLevel() {
        String configured = System.getenv("TDNET_LOG_LEVEL");
        return configured == null ? Level.WARN : Level.toLevel(configured, Level.WARN);
    }

    private static Level parseLevel(String text) {
        Level parsed = Level.toLevel(text.strip().toUpperCase(Locale.ROOT), null);
        if (parsed == null) throw new IllegalArgumentException("--log-level must be error, warn, info, debug or trace (got " + text + ")");
        return parsed;
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected text or json, got '" + value + "'");
            }
        }
    }
}
