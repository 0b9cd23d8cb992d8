package io.tdnet.model;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The concrete queues, tables and bucket one deployment uses: built from env vars on Lambda, from the
 * embedded stack locally, from the deployed stack's outputs with {@code --aws} ({@link StackOutputs}).
 */
public record PipelineResources(
        String downloadQueueUrl,
        String downloadDlqUrl,
        String persistQueueUrl,
        String persistDlqUrl,
        String disclosuresTable,
        String executionsTable,
        String bucket) {

    public PipelineResources {
        Objects.requireNonNull(downloadQueueUrl, "downloadQueueUrl");
        Objects.requireNonNull(downloadDlqUrl, "downloadDlqUrl");
        Objects.requireNonNull(persistQueueUrl, "persistQueueUrl");
        Objects.requireNonNull(persistDlqUrl, "persistDlqUrl");
        Objects.requireNonNull(disclosuresTable, "disclosuresTable");
        Objects.requireNonNull(executionsTable, "executionsTable");
        Objects.requireNonNull(bucket, "bucket");
    }

    /** Reads the names the CDK stack sets as Lambda environment variables; fails naming what is missing. */
    public static PipelineResources fromEnvironment(Map<String, String> env) {
        return read(name -> require(env, name));
    }

    /** Reads the names through {@code required}, which returns a variable's value or fails naming it. */
    public static PipelineResources read(UnaryOperator<String> required) {
        return new PipelineResources(
                required.apply(EnvVars.DOWNLOAD_QUEUE_URL),
                required.apply(EnvVars.DOWNLOAD_DLQ_URL),
                required.apply(EnvVars.PERSIST_QUEUE_URL),
                required.apply(EnvVars.PERSIST_DLQ_URL),
                required.apply(EnvVars.DISCLOSURES_TABLE),
                required.apply(EnvVars.EXECUTIONS_TABLE),
                required.apply(EnvVars.BUCKET));
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
