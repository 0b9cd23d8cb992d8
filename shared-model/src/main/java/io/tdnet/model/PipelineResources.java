package io.tdnet.model;

import java.util.Map;
import java.util.Objects;

/**
 * The concrete queues, tables and bucket one deployment uses: built from env vars on Lambda, from the
 * embedded stack locally, from the stage names with {@code --aws}.
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
        return new PipelineResources(
                require(env, EnvVars.DOWNLOAD_QUEUE_URL),
                require(env, EnvVars.DOWNLOAD_DLQ_URL),
                require(env, EnvVars.PERSIST_QUEUE_URL),
                require(env, EnvVars.PERSIST_DLQ_URL),
                require(env, EnvVars.DISCLOSURES_TABLE),
                require(env, EnvVars.EXECUTIONS_TABLE),
                require(env, EnvVars.BUCKET));
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
