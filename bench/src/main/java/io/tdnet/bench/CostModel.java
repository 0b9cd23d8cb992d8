package io.tdnet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline costs on AWS in ap-northeast-1 (Tokyo) at public list prices, from the calls per
 * disclosure the end-to-end run counted and the Lambda durations the AWS twin measured. Free tiers are
 * left out (an upper bound). Every price is a named constant with the page it comes from; the pages
 * were not reachable from this machine, so the figures are the published Tokyo prices as known in
 * 2025 — check them on the named page before quoting a bill.
 */
public final class CostModel {
    // ---- prices, USD, ap-northeast-1 ----------------------------------------------------------
    /** SQS standard queue, per request (one API call of up to 64 KB): $0.40 per million. https://aws.amazon.com/sqs/pricing/ */
    static final double SQS_PER_REQUEST = 0.40 / 1e6;
    /** S3 Standard, PUT/COPY/POST/LIST requests: $0.0047 per 1,000 (Tokyo). https://aws.amazon.com/s3/pricing/ (Requests & data retrievals) */
    static final double S3_PUT_CLASS = 0.0047 / 1e3;
    /** S3 Standard, GET/HEAD and all other requests: $0.00037 per 1,000 (Tokyo). https://aws.amazon.com/s3/pricing/ */
    static final double S3_GET_CLASS = 0.00037 / 1e3;
    /** S3 Standard storage, first 50 TB: $0.025 per GB-month (Tokyo). https://aws.amazon.com/s3/pricing/ (Storage) */
    static final double S3_GB_MONTH = 0.025;
    /** DynamoDB on-demand, per write request unit: $0.7135 per million (Tokyo, after the Nov 2024 cut). https://aws.amazon.com/dynamodb/pricing/on-demand/ */
    static final double DDB_PER_WRU = 0.7135 / 1e6;
    /** DynamoDB on-demand, per read request unit: $0.1425 per million (Tokyo). https://aws.amazon.com/dynamodb/pricing/on-demand/ */
    static final double DDB_PER_RRU = 0.1425 / 1e6;
    /** Lambda on arm64 (the stack's functions), per GB-second: $0.0000133334 (Tokyo, first tier). https://aws.amazon.com/lambda/pricing/ */
    static final double LAMBDA_GB_SECOND = 0.0000133334;
    /** Lambda requests: $0.20 per million. https://aws.amazon.com/lambda/pricing/ */
    static final double LAMBDA_PER_REQUEST = 0.20 / 1e6;
    /** CloudWatch custom metric (an EMF series), first 10,000: $0.30 per metric-month. https://aws.amazon.com/cloudwatch/pricing/ */
    static final double CW_METRIC_MONTH = 0.30;
    /** CloudWatch standard-resolution alarm: $0.10 per alarm-month. https://aws.amazon.com/cloudwatch/pricing/ */
    static final double CW_ALARM_MONTH = 0.10;
    /** CloudWatch dashboard: $3.00 per dashboard-month. https://aws.amazon.com/cloudwatch/pricing/ */
    static final double CW_DASHBOARD_MONTH = 3.00;
    /** CloudWatch Logs ingestion (standard): $0.76 per GB (Tokyo). https://aws.amazon.com/cloudwatch/pricing/ (Logs) */
    static final double CW_LOG_INGEST_GB = 0.76;

    // ---- the stack (infra) and its workload ----------------------------------------------------
    /** PipelineFunctions' memory sizes and SQS batch sizes. */
    static final double DOWNLOADER_GB = 1.0, LISTER_GB = 0.5, PERSISTER_GB = 0.5, RECONCILER_GB = 0.25;
    static final int DOWNLOADER_BATCH = 5, PERSISTER_BATCH = 10;
    /** The reconciler's schedule: every 15 minutes, every day. */
    static final int RECONCILER_RUNS_PER_DAY = 96;
    /** CloudWatch objects of the stack (Monitoring): one dashboard, its alarms, the EMF series emitted. */
    static final int ALARMS = 11, METRIC_SERIES = 25;
    /**
     * Lambda's SQS event source polls each queue with 5 long polls (20 s) at all times: 2 work queues ×
     * 5 × 3 receives a minute, around the clock, whether or not there are messages.
     */
    static final double IDLE_POLLS_PER_DAY = 2 * 5 * 3 * 60 * 24;
    /**
     * Durations measured by the AWS twin (TwinDayIT, 2026-12-02, issue 18's branch; a 60-row day at the
     * stack's default R = 1, on a shared 2-core machine): the downloader ran 17 invocations for 62
     * documents at p50 11,982 ms, the persister 60 invocations at p50 587 ms, the lister p50 2,401 ms for
     * its one list page, the reconciler p50 35 ms. Per document that is the downloader's p50 × 17 / 62
     * (it waits for its slots in the shared schedule: its time follows R, not the work) and the
     * persister's p50 × 60 / 62.
     */
    static final double DOWNLOADER_MS_PER_DOCUMENT = 11_982.0 * 17 / 62, PERSISTER_MS_PER_DOCUMENT = 587.0 * 60 / 62;
    static final double LISTER_P50_MS = 2_401, RECONCILER_P50_MS = 35;
    /** A listing of more than one page waits one slot (1 s at R = 1) per further page. */
    static final double LISTER_MS_PER_EXTRA_PAGE = 1_000;
    /** TDnet list pages hold 100 rows. */
    static final int ROWS_PER_PAGE = 100;
    /**
     * WRUs of the transactions per disclosure, which the call counts do not show: the lister's plan
     * (PENDING outcome row, transactional: 2) and the persister's (disclosure item 2 + its two GSI
     * entries 2 + outcome row 2 + a tenth of the summary's ADD 0.2): ≈ 8.2, rounded up for items over 1 KB.
     */
    static final double TRANSACTION_WRU_PER_DISCLOSURE = 8.5;
    /** The shared schedule: one conditional UpdateItem of a < 1 KB item per request to TDnet (DynamoSlotStore). */
    static final double PACER_WRU_PER_REQUEST = 1;
    /** A re-run checks each listed id against the disclosures table (BatchGetItem, eventually consistent). */
    static final double RERUN_RRU_PER_ID = 0.5;
    /** A reconciler run: its date-index query and outcome reads, and 2 DLQ receives + 2 depth reads. */
    static final double RECONCILER_RRU_PER_RUN = 4, RECONCILER_SQS_PER_RUN = 4;
    /** JSON log bytes per document across the functions (its INFO lines + EMF) and per invocation (START/END/REPORT). */
    static final double LOG_BYTES_PER_DISCLOSURE = 1_500, LOG_BYTES_PER_INVOCATION = 400;

    /** A period to price: how many disclosures, over how many business and calendar days, listed how often. */
    public record Workload(String name, long disclosures, int businessDays, int calendarDays, int listingsPerDay) {
        /** The busy day: 2,694 disclosures, the day's listing re-run every 30 minutes. */
        public static Workload busyDay() {
            return new Workload("busy day", 2_694, 1, 1, 48);
        }

        /** A month: 21 business days × 1,500 disclosures, each day's listing re-run every 30 minutes. */
        public static Workload month() {
            return new Workload("month", 21L * 1_500, 21, 30, 48);
        }
    }

    /** One priced line: what, how many, at what unit price. */
    public record Line(String service, String item, double quantity, String unit, double cost) {}

    private final Map<String, Long> operations;
    private final long stored;
    private final double meanPdfBytes;

    /** @param operations calls by {@code service.operation} for {@code stored} stored disclosures, PDFs of {@code meanPdfBytes} */
    public CostModel(Map<String, Long> operations, long stored, double meanPdfBytes) {
        this.operations = Map.copyOf(operations);
        this.stored = Math.max(1, stored);
        this.meanPdfBytes = meanPdfBytes;
    }

    /** Calls per disclosure of one service ({@code sqs}, {@code s3}, {@code dynamodb}). */
    public double perDisclosure(String service) {
        return sum(op -> op.startsWith(service + "."));
    }

    private double perDisclosure(String... ops) {
        return sum(op -> List.of(ops).contains(op));
    }

    private double sum(java.util.function.Predicate<String> which) {
        return operations.entrySet().stream().filter(e -> which.test(e.getKey())).mapToLong(Map.Entry::getValue).sum()
                / (double) stored;
    }

    public List<Line> bill(Workload w) {
        double n = w.disclosures();
        double perDay = n / w.businessDays();
        double months = w.calendarDays() / 30.0;
        List<Line> lines = new ArrayList<>();
        // SQS: what the local loops called (the event source's receives and deletes stand for theirs) + idle polls
        double sqs = n * perDisclosure("sqs") + IDLE_POLLS_PER_DAY * w.calendarDays();
        lines.add(new Line("SQS", "requests (measured/disclosure + event-source polls)", sqs, "requests", sqs * SQS_PER_REQUEST));
        // the shared schedule: a slot per TDnet request (each document, each list page of each listing)
        double listPages = Math.ceil(perDay / ROWS_PER_PAGE) * w.listingsPerDay() * w.businessDays();
        double pacer = (n + listPages) * PACER_WRU_PER_REQUEST;
        lines.add(new Line("DynamoDB", "shared-rate slot writes", pacer, "WRU", pacer * DDB_PER_WRU));
        // the reconciler
        double runs = RECONCILER_RUNS_PER_DAY * w.calendarDays();
        double reconcile = runs * (RECONCILER_P50_MS / 1000 * RECONCILER_GB * LAMBDA_GB_SECOND + LAMBDA_PER_REQUEST
                + RECONCILER_RRU_PER_RUN * DDB_PER_RRU + RECONCILER_SQS_PER_RUN * SQS_PER_REQUEST);
        lines.add(new Line("reconciler", "scheduled runs (Lambda + reads + DLQ peeks)", runs, "runs", reconcile));
        // S3
        double puts = n * perDisclosure("s3.putObject", "s3.copyObject", "s3.createMultipartUpload", "s3.uploadPart",
                "s3.completeMultipartUpload");
        lines.add(new Line("S3", "PUT-class requests", puts, "requests", puts * S3_PUT_CLASS));
        double gets = n * perDisclosure("s3.headObject", "s3.getObject");
        lines.add(new Line("S3", "GET/HEAD requests", gets, "requests", gets * S3_GET_CLASS));
        // what the period adds, held for the period (the archive's earlier months add their own storage)
        double gb = n * meanPdfBytes / 1e9;
        lines.add(new Line("S3", "storage added (held for the period)", gb, "GB", gb * S3_GB_MONTH * months));
        // DynamoDB
        double wru = n * (TRANSACTION_WRU_PER_DISCLOSURE + perDisclosure("dynamodb.updateItem", "dynamodb.putItem",
                "dynamodb.batchWriteItem", "dynamodb.deleteItem"));
        lines.add(new Line("DynamoDB", "on-demand writes (transactions + measured writes)", wru, "WRU", wru * DDB_PER_WRU));
        double rru = n * perDisclosure("dynamodb.getItem", "dynamodb.query", "dynamodb.queryPaginator", "dynamodb.batchGetItem")
                + perDay * (w.listingsPerDay() - 1) * w.businessDays() * RERUN_RRU_PER_ID;
        lines.add(new Line("DynamoDB", "on-demand reads (measured + re-run listings)", rru, "RRU", rru * DDB_PER_RRU));
        // Lambda
        double downloads = Math.ceil(n / DOWNLOADER_BATCH);
        double persists = Math.ceil(n / PERSISTER_BATCH);
        double listings = (double) w.listingsPerDay() * w.businessDays();
        double pagesPerListing = Math.ceil(perDay / ROWS_PER_PAGE);
        double gbSeconds = n * DOWNLOADER_MS_PER_DOCUMENT / 1000 * DOWNLOADER_GB
                + n * PERSISTER_MS_PER_DOCUMENT / 1000 * PERSISTER_GB
                + listings * (LISTER_P50_MS + (pagesPerListing - 1) * LISTER_MS_PER_EXTRA_PAGE) / 1000 * LISTER_GB;
        lines.add(new Line("Lambda", "GB-seconds (downloader, persister, lister)", gbSeconds, "GB-s", gbSeconds * LAMBDA_GB_SECOND));
        double invocations = downloads + persists + listings;
        lines.add(new Line("Lambda", "requests", invocations, "invocations", invocations * LAMBDA_PER_REQUEST));
        // CloudWatch
        double fixed = (METRIC_SERIES * CW_METRIC_MONTH + ALARMS * CW_ALARM_MONTH + CW_DASHBOARD_MONTH) * months;
        lines.add(new Line("CloudWatch", METRIC_SERIES + " metric series, " + ALARMS + " alarms, 1 dashboard", months, "months", fixed));
        double logGb = (n * LOG_BYTES_PER_DISCLOSURE + (invocations + runs) * LOG_BYTES_PER_INVOCATION) / 1e9;
        lines.add(new Line("CloudWatch", "logs ingested", logGb, "GB", logGb * CW_LOG_INGEST_GB));
        return lines;
    }

    public static double total(List<Line> lines) {
        return lines.stream().mapToDouble(Line::cost).sum();
    }
}
