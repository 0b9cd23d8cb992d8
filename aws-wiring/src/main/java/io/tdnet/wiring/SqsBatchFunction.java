package io.tdnet.wiring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.tdnet.model.MessageBatchHandler;
import io.tdnet.model.SqsLambdaBatch;
import io.tdnet.model.TimeLeft;
import io.tdnet.telemetry.EmfMetrics;

/**
 * The one adapter of the SQS-triggered Lambdas (downloader, persister): the event to the function's
 * {@link MessageBatchHandler} within the invocation's remaining time, the messages it did not finish
 * back as partial batch failures, and one EMF flush per invocation, also when it throws. A subclass only
 * names its function and says how it is wired.
 */
public abstract class SqsBatchFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /**
     * What a function is made of. {@code resources} may be null (tests); when set, it is held for the
     * handler's life because under SnapStart it is the restore hook, which the runtime holds only weakly.
     */
    public record Parts(MessageBatchHandler worker, EmfMetrics metrics, ResourceCheck resources) {}

    private final Parts parts;

    protected SqsBatchFunction(Parts parts) {
        this.parts = parts;
    }

    @Override
    public final SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try {
            return SqsLambdaBatch.handle(event, parts.worker(),
                    context == null ? TimeLeft.UNBOUNDED : TimeLeft.ofMillis(context::getRemainingTimeInMillis));
        } finally {
            parts.metrics().flush();
        }
    }
}
