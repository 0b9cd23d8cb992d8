package io.tdnet.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON codec for queue messages and CLI output: snake_case names, ISO-8601 dates with their
 * offset. Decoding a queue message checks its schema version, so an unknown version is rejected
 * (and goes to the DLQ) instead of being half-read.
 */
public final class JsonCodec {
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);

    public ObjectMapper mapper() {
        return mapper;
    }

    public String encode(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    public DownloadMessage decodeDownload(String body) {
        return decodeMessage(body, DownloadMessage.class, DownloadMessage.SCHEMA_VERSION);
    }

    public PersistMessage decodePersist(String body) {
        return decodeMessage(body, PersistMessage.class, PersistMessage.SCHEMA_VERSION);
    }

    public <T> T decode(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MalformedMessageException("cannot read " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
    }

    private <T> T decodeMessage(String body, Class<T> type, int supportedVersion) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("malformed message body: " + rootMessage(e), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedMessageException("malformed message body: not a JSON object", null);
        }
        JsonNode version = tree.get("schema_version");
        if (version == null || !version.isInt() || version.intValue() != supportedVersion) {
            throw new MalformedMessageException(
                    "unsupported schema_version " + version + " (this build reads " + supportedVersion + ")", null);
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MalformedMessageException("malformed " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    /** A queue message that cannot be read: it goes to the DLQ with this message as the reason. */
    public static final class MalformedMessageException extends RuntimeException {
        public MalformedMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
