package io.tdnet.twin.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the JSON lines a function printed (EMF directives, the env reader's line) from its log files. */
final class FunctionLogs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionLogs() {}

    /** Every line of the files that parses as a JSON object (text before the first '{' is ignored). */
    static List<JsonNode> jsonLines(List<Path> files) {
        List<JsonNode> out = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) continue;
            try (Stream<String> lines = Files.lines(file)) {
                lines.forEach(line -> {
                    int brace = line.indexOf('{');
                    if (brace < 0) return;
                    try {
                        JsonNode node = JSON.readTree(line.substring(brace));
                        if (node != null && node.isObject()) out.add(node);
                    } catch (IOException notJson) {
                        // a plain text line (e.g. the runtime's own START/END lines)
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read function log " + file, e);
            }
        }
        return out;
    }
}
