package io.tdnet.lister;

import io.tdnet.ledger.LeaseLostException;
import io.tdnet.ledger.ListingLease;
import io.tdnet.ledger.ListingLeases;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a listing lease while a date is listed: renews it in the background a few times per lease
 * period, and releases it on close. A renewal that finds the lease taken stops renewing; the plan
 * writes under it are then refused by their fence, so nothing else needs to notice.
 */
final class LeaseKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final ListingLeases leases;
    private final ScheduledExecutorService renewals;
    private volatile ListingLease lease;

    LeaseKeeper(ListingLeases leases, ListingLease lease, Duration renewEvery) {
        this.leases = leases;
        this.lease = lease;
        this.renewals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease-renewal");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, renewEvery.toMillis());
        renewals.scheduleWithFixedDelay(this::renew, millis, millis, TimeUnit.MILLISECONDS);
    }

    ListingLease lease() {
        return lease;
    }

    private void renew() {
        try {
            lease = leases.renew(lease);
        } catch (LeaseLostException e) {
            log.error("{}; this lister's plan writes will be refused", e.getMessage());
            renewals.shutdown();
        } catch (RuntimeException e) {
            // a failed renewal is tried again at the next tick; the lease outlives a few of them
            log.warn("could not renew the listing lease of {}: {}", lease.date(), e.toString());
        }
    }

    @Override
    public void close() {
        renewals.shutdownNow();
        leases.release(lease);
    }
}
