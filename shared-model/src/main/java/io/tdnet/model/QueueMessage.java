package io.tdnet.model;

import java.util.Map;

/**
 * An SQS message as both the Lambda runtime and the local worker loop hand it to a service.
 *
 * @param receiveCount SQS's ApproximateReceiveCount (1 on the first delivery)
 * @param attributes string message attributes
 */
public record QueueMessage(String messageId, String receiptHandle, String body, int receiveCount,
                           Map<String, String> attributes) {
    public QueueMessage {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
