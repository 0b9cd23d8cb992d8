package io.tdnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The limiter on an injected clock: exact, deterministic, no real sleeping. */
class RequestPacerTest {
    private final AtomicLong clock = new AtomicLong(5_000_000_000L);

    private RequestPacer pacer(double rate) {
        return RequestPacer.withClock(rate, RequestPacer.DEFAULT_MARGIN, clock::get, clock::addAndGet);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 2, 5, 20, 50})
    void neverMoreThanRateInAnyOneSecondWindowAndKeepsTheRateUsed(double rate) throws InterruptedException {
        RequestPacer pacer = pacer(rate);
        List<Long> instants = new ArrayList<>();
        int n = (int) (rate * 30);
        for (int i = 0; i < n; i++) {
            pacer.acquire();
            instants.add(clock.get());
        }
        int max = 0;
        for (int i = 0, j = 0; i < instants.size(); i++) {
            while (instants.get(i) - instants.get(j) >= 1_000_000_000L) j++;
            max = Math.max(max, i - j + 1);
        }
        assertThat(max).isLessThanOrEqualTo((int) rate);
        double seconds = (instants.get(n - 1) - instants.get(0)) / 1e9;
        double utilisation = (n - 1) / seconds / rate;
        assertThat(utilisation).isGreaterThanOrEqualTo(1 / (1 + RequestPacer.DEFAULT_MARGIN) - 0.001);
    }

    @Test
    void idleTimeIsNotBankedIntoABurst() throws InterruptedException {
        RequestPacer pacer = pacer(2);
        pacer.acquire();
        clock.addAndGet(10_000_000_000L); // ten idle seconds
        long t0 = clock.get();
        pacer.acquire();
        pacer.acquire();
        pacer.acquire();
        assertThat(clock.get() - t0).isGreaterThanOrEqualTo(2 * pacer.spacing().toNanos());
    }

    @Test
    void reportsTheWait() throws InterruptedException {
        RequestPacer pacer = pacer(4);
        assertThat(pacer.acquire().toNanos()).isZero();
        assertThat(pacer.acquire().toNanos()).isEqualTo(pacer.spacing().toNanos());
    }

    @Test
    void rejectsNonsenseRates() {
        assertThatThrownBy(() -> RequestPacer.perSecond(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestPacer.perSecond(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestPacer.perSecond(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPushBackHoldsEveryPermitUntilTheInstantTheServerNamed() throws InterruptedException {
        RequestPacer pacer = pacer(10);
        pacer.acquire();
        pacer.pushBack(java.time.Instant.EPOCH.plusNanos(clock.get()).plusSeconds(30));
        long t0 = clock.get();
        pacer.acquire();
        assertThat(clock.get() - t0).isEqualTo(30_000_000_000L);
    }

    @Test
    void aPushBackIntoThePastChangesNothing() throws InterruptedException {
        RequestPacer pacer = pacer(4);
        pacer.acquire();
        pacer.pushBack(java.time.Instant.EPOCH);
        assertThat(pacer.acquire().toNanos()).isEqualTo(pacer.spacing().toNanos());
    }
}
