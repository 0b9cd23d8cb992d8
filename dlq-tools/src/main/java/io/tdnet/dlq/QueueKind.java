package io.tdnet.dlq;

import com.fasterxml.jackson.annotation.JsonValue;
import io.tdnet.model.Names;
import io.tdnet.model.PipelineResources;
import java.util.Locale;

/** The two dead-letter queues of the pipeline, each paired with the queue it redrives to. */
public enum QueueKind {
    DOWNLOAD(Names.DOWNLOAD_QUEUE, Names.DOWNLOAD_DLQ),
    PERSIST(Names.PERSIST_QUEUE, Names.PERSIST_DLQ);

    private final String sourceQueueName;
    private final String dlqName;

    QueueKind(String sourceQueueName, String dlqName) {
        this.sourceQueueName = sourceQueueName;
        this.dlqName = dlqName;
    }

    /** The name used on the command line and in JSON output: {@code download} or {@code persist}. */
    @JsonValue
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Unstaged name of the DLQ (shared-model's constant). */
    public String dlqName() {
        return dlqName;
    }

    /** Unstaged name of the queue this DLQ's messages go back to. */
    public String sourceQueueName() {
        return sourceQueueName;
    }

    public String dlqUrl(PipelineResources resources) {
        return this == DOWNLOAD ? resources.downloadDlqUrl() : resources.persistDlqUrl();
    }

    public String sourceQueueUrl(PipelineResources resources) {
        return this == DOWNLOAD ? resources.downloadQueueUrl() : resources.persistQueueUrl();
    }

    /** Parses {@code download} / {@code persist} (any case); anything else names the accepted values. */
    public static QueueKind parse(String text) {
        if (text != null) {
            for (QueueKind kind : values()) {
                if (kind.cliName().equalsIgnoreCase(text.trim())) return kind;
            }
        }
        throw new IllegalArgumentException("unknown queue '" + text + "' (want download or persist)");
    }
}
