package io.tdnet.lister;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.tdnet.wiring.FunctionWiring;
import io.tdnet.wiring.Wired;
import java.util.Map;

/** The scheduled lister Lambda: the event's {@code detail.date} (or none) to a {@link ScheduledListing}. */
public final class ListerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    /** The {@code Component} dimension of this Lambda's metrics. */
    public static final String COMPONENT = "lister";

    private final Wired<ScheduledListing> listing;

    public ListerHandler() {
        this(ListerFunction.wire(FunctionWiring.fromProcess()));
    }

    /** A handler around {@code listing}, without a resource check. */
    public ListerHandler(ScheduledListing listing) {
        this(new Wired<>(listing, null));
    }

    private ListerHandler(Wired<ScheduledListing> listing) {
        this.listing = listing;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        Object date = event == null || event.getDetail() == null ? null : event.getDetail().get("date");
        try {
            return listing.service().run(date == null ? null : date.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing " + date, e);
        }
    }
}
