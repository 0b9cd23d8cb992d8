package io.tdnet.bench;

import static io.tdnet.bench.EmulatorCeilings.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the emulators' measured op rates into a ceiling in disclosures/s. All three emulators and the
 * pipeline share this machine's cores, so an op at rate r costs 1/r seconds of the shared capacity and
 * the costs add up: a disclosure needing k_i ops of kind i can go no faster than 1 / Σ k_i / r_i
 * ("shared CPU"). Were the services on separate machines, the slowest alone would bound it:
 * min r_i / k_i ("independent"). The minimal work per disclosure is two messages through SQS
 * (download, persist), one S3 put of the document, and one DynamoDB transaction; the pipeline's own
 * calls (counted in the end-to-end run) show what it does on top of that.
 */
public record CeilingModel(Map<String, Double> rates) {
    public double minimalShared() {
        return 1 / (2 / rates.get(SQS_MESSAGE_CYCLE) + 1 / rates.get(S3_PUT) + 1 / rates.get(DDB_TRANSACT));
    }

    public double minimalIndependent() {
        return Math.min(rates.get(SQS_MESSAGE_CYCLE) / 2, Math.min(rates.get(S3_PUT), rates.get(DDB_TRANSACT)));
    }

    /** The pipeline's ceiling from its own call mix, the cost per op kind (ms/disclosure) and what could not be costed. */
    public record Mix(double ceiling, Map<String, Double> millisByOperation, List<String> uncosted) {}

    public Mix pipelineMix(Map<String, Long> operations, long disclosures) {
        Map<String, Double> millis = new LinkedHashMap<>();
        List<String> uncosted = new ArrayList<>();
        double seconds = 0;
        for (var op : operations.entrySet()) {
            Double rate = rateOf(op.getKey());
            double perDisclosure = op.getValue() / (double) Math.max(1, disclosures);
            if (rate == null) {
                if (perDisclosure >= 0.01) uncosted.add(op.getKey());
                continue;
            }
            double s = perDisclosure / rate;
            millis.put(op.getKey(), Math.round(s * 1e6) / 1e3);
            seconds += s;
        }
        return new Mix(1 / seconds, millis, uncosted);
    }

    private Double rateOf(String operation) {
        return switch (operation) {
            case "sqs.sendMessageBatch", "sqs.receiveMessage", "sqs.deleteMessageBatch", "sqs.getQueueAttributes",
                 "sqs.changeMessageVisibility" -> rates.get(SQS_BATCH_CALL);
            case "dynamodb.updateItem", "dynamodb.batchWriteItem", "dynamodb.putItem" -> rates.get(DDB_TRANSACT);
            case "dynamodb.query", "dynamodb.queryPaginator", "dynamodb.batchGetItem", "dynamodb.scanPaginator" -> rates.get(DDB_GET);
            default -> rates.get(operation);
        };
    }
}
