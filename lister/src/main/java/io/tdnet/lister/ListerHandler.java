package io.tdnet.lister;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.tdnet.telemetry.EmfMetrics;
import io.tdnet.wiring.FunctionWiring;
import io.tdnet.wiring.ResourceCheck;
import java.time.Clock;
import java.util.Map;

/** The scheduled lister Lambda: the event's {@code detail.date} (or none) to a {@link ScheduledListing}. */
public final class ListerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    /** The {@code Component} dimension of this Lambda's metrics. */
    public static final String COMPONENT = "lister";

    private final ScheduledListing listing;
    /** Held for the handler's life: under SnapStart it is the restore hook the runtime holds only weakly. */
    private final ResourceCheck resources;

    public ListerHandler() {
        this(ListerFunction.wire(FunctionWiring.fromProcess()));
    }

    private ListerHandler(ListerHandler wired) {
        this(wired.listing, wired.resources);
    }

    public ListerHandler(DisclosureLister lister, Clock clock) {
        this(new ScheduledListing(lister, clock, EmfMetrics.toStdout(COMPONENT)));
    }

    public ListerHandler(ScheduledListing listing) {
        this(listing, null);
    }

    ListerHandler(ScheduledListing listing, ResourceCheck resources) {
        this.listing = listing;
        this.resources = resources;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        Object date = event == null || event.getDetail() == null ? null : event.getDetail().get("date");
        try {
            return listing.run(date == null ? null : date.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing " + date, e);
        }
    }
}
