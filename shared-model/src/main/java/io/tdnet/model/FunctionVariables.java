package io.tdnet.model;

import static io.tdnet.model.EnvVars.BUCKET;
import static io.tdnet.model.EnvVars.DISCLOSURES_TABLE;
import static io.tdnet.model.EnvVars.DOWNLOAD_DLQ_URL;
import static io.tdnet.model.EnvVars.DOWNLOAD_QUEUE_URL;
import static io.tdnet.model.EnvVars.EXECUTIONS_TABLE;
import static io.tdnet.model.EnvVars.MAX_PDF_BYTES;
import static io.tdnet.model.EnvVars.PACER_TABLE;
import static io.tdnet.model.EnvVars.PERSIST_DLQ_URL;
import static io.tdnet.model.EnvVars.PERSIST_QUEUE_URL;
import static io.tdnet.model.EnvVars.SETTLE_HORIZON_SECONDS;
import static io.tdnet.model.EnvVars.STACK;
import static io.tdnet.model.EnvVars.TDNET_BASE_URL;
import static io.tdnet.model.EnvVars.TDNET_RATE;
import static io.tdnet.model.EnvVars.UNSETTLED_DEADLINE_SECONDS;
import static io.tdnet.model.EnvVars.USER_AGENT;
import static io.tdnet.model.EnvVars.MAX_XBRL_BYTES;
import static io.tdnet.model.EnvVars.WITH_XBRL;

import java.util.List;

/**
 * Exactly the variables each Lambda function reads, the one list that the stack sets from (each function
 * gets these and no others) and that the functions' wiring reads through. A variable set but never read
 * is a setting that silently does nothing; the twin's environment check holds both sides to this list.
 * Every function reads {@link EnvVars#STACK}: the error it fails its start with when a resource does not
 * answer names the stack. No {@link EnvVars#STAGE} or {@link EnvVars#METRICS_NAMESPACE}: no function reads them (the namespace is
 * fixed in the code's EMF output, see {@link MetricNames#NAMESPACE}).
 */
public enum FunctionVariables {
    /** Lists a day (paced), plans it in the ledger, enqueues downloads (asking for the XBRL when {@code WITH_XBRL}). */
    LISTER(STACK, TDNET_BASE_URL, TDNET_RATE, USER_AGENT, PACER_TABLE, DOWNLOAD_QUEUE_URL, DISCLOSURES_TABLE, EXECUTIONS_TABLE,
            WITH_XBRL),
    /**
     * Streams PDFs to S3 and forwards outcomes; the download queue's URL for its own visibility changes and
     * the source-queue attribute of its dead letters; the executions table for the failed attempts it notes
     * on a PENDING outcome (the reconciler's horizon starts there).
     */
    DOWNLOADER(STACK, TDNET_BASE_URL, TDNET_RATE, USER_AGENT, PACER_TABLE, MAX_PDF_BYTES, MAX_XBRL_BYTES,
            DOWNLOAD_QUEUE_URL, DOWNLOAD_DLQ_URL, PERSIST_QUEUE_URL, BUCKET, EXECUTIONS_TABLE),
    /** Records outcomes in the ledger; its queue's URL is the source-queue attribute of its dead letters. */
    PERSISTER(STACK, PERSIST_QUEUE_URL, PERSIST_DLQ_URL, DISCLOSURES_TABLE, EXECUTIONS_TABLE),
    /**
     * Settles what is complete and fails what can no longer arrive: both work queues (drained?) and both
     * DLQs (dead-lettered?), the two tables, and the horizons the stack derives from the queue timings.
     */
    RECONCILER(STACK, DOWNLOAD_QUEUE_URL, PERSIST_QUEUE_URL, DOWNLOAD_DLQ_URL, PERSIST_DLQ_URL, DISCLOSURES_TABLE,
            EXECUTIONS_TABLE, SETTLE_HORIZON_SECONDS, UNSETTLED_DEADLINE_SECONDS);

    private final List<String> names;

    FunctionVariables(String... names) {
        this.names = List.of(names);
    }

    /** The variable names, in a stable order. */
    public List<String> names() {
        return names;
    }
}
