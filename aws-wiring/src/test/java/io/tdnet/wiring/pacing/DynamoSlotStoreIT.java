package io.tdnet.wiring.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.testkit.aws.EmbeddedAwsExtension;
import io.tdnet.model.Names;
import io.tdnet.model.Rate;
import io.tdnet.model.SlotSpacing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The schedule item's conditional updates on DynamoDB Local (the embedded stack creates the table). */
@ExtendWith(EmbeddedAwsExtension.class)
class DynamoSlotStoreIT {
    private final EmbeddedAwsStack stack;

    DynamoSlotStoreIT(EmbeddedAwsStack stack) {
        this.stack = stack;
    }

    private static final long NOW = 1_800_000_000_000_000L;
    private final SlotSpacing two = SlotSpacing.of(Rate.perSecond(2));

    @BeforeEach
    void reset() {
        stack.scheduleDynamoDb().deleteItem(b -> b.tableName(Names.PACER_TABLE)
                .key(Map.of(Names.PACER_KEY, AttributeValue.fromS(DynamoSlotStore.KEY_VALUE))));
    }

    private DynamoSlotStore store() {
        return new DynamoSlotStore(stack.scheduleDynamoDb(), Names.PACER_TABLE);
    }

    @Test
    void anIdleScheduleGivesNowAndABusyOneTheNextSlot() {
        DynamoSlotStore a = store();
        DynamoSlotStore b = store();
        long sp = two.spacingMicros();
        assertThat(a.reserve(NOW, two).slot()).isEqualTo(NOW);
        assertThat(b.reserve(NOW + 1, two).slot()).isEqualTo(NOW + sp);
        assertThat(a.reserve(NOW + 2, two).slot()).isEqualTo(NOW + 2 * sp);
        // after a pause longer than the backlog the schedule is idle again: the slot is now
        assertThat(b.reserve(NOW + 10_000_000, two).slot()).isEqualTo(NOW + 10_000_000);
    }

    @Test
    void concurrentReservationsFromSeparateStoresNeverShareOrCrowdASlot() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Long> slots = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            DynamoSlotStore own = store();
            done.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) slots.add(own.reserve(NOW, two).slot());
            }));
        }
        for (Future<?> f : done) f.get();
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(slots);
        Collections.sort(sorted);
        assertThat(sorted).doesNotHaveDuplicates().hasSize(120);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 1)).isEqualTo(two.spacingMicros());
        }
    }

    @Test
    void anotherRateIsRefusedWhileTheScheduleIsInUseNamingTheStoredRate() {
        store().reserve(NOW, two);
        SlotSpacing five = SlotSpacing.of(Rate.perSecond(5));
        assertThatThrownBy(() -> store().reserve(NOW + 30_000_000, five))
                .isInstanceOf(RateConflictException.class)
                .hasMessageContaining("in use at 2.0 requests/s")
                .satisfies(e -> assertThat(((RateConflictException) e).storedRate()).isEqualTo(2.0));
    }

    @Test
    void aPadMovesTheSlotAfterFurtherOnBothBranches() {
        long pad = 50_000;
        assertThat(store().reserve(NOW, two, pad).slot()).isEqualTo(NOW); // idle branch
        long second = NOW + two.spacingMicros() + pad;
        assertThat(store().reserve(NOW, two, pad).slot()).isEqualTo(second); // busy branch
        assertThat(store().reserve(NOW, two).slot()).isEqualTo(second + two.spacingMicros() + pad);
        assertThatThrownBy(() -> store().reserve(NOW, two, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIdleScheduleTakesTheNewRate() {
        store().reserve(NOW, two);
        SlotSpacing five = SlotSpacing.of(Rate.perSecond(5));
        long later = NOW + 61_000_000;
        assertThat(store().reserve(later, five).slot()).isEqualTo(later);
        assertThat(store().reserve(later, five).slot()).isEqualTo(later + five.spacingMicros());
        assertThatThrownBy(() -> store().reserve(later + 1, two)).isInstanceOf(RateConflictException.class)
                .hasMessageContaining("5.0");
    }

    @Test
    void anIdleScheduleHeldIntoTheFutureStillTakesTheNewRateAfterTheHold() {
        store().reserve(NOW, two);
        long later = NOW + 61_000_000;
        store().hold(later + 5_000_000);
        SlotSpacing five = SlotSpacing.of(Rate.perSecond(5));
        assertThat(store().reserve(later, five).slot()).isEqualTo(later + 5_000_000);
    }

    @Test
    void aHoldMovesTheNextSlotAndIsReadBackAndAnEarlierHoldChangesNothing() {
        DynamoSlotStore a = store();
        assertThat(a.pushes()).isEqualTo(SlotStore.Pushes.NONE);
        a.reserve(NOW, two);
        a.hold(NOW + 5_000_000);
        a.hold(NOW + 1_000_000);
        assertThat(store().pushes().holdUntil()).isEqualTo(NOW + 5_000_000);
        // the reservation carries the quiet span too: a sender near its slot needs no read of its own
        assertThat(store().reserve(NOW + 1, two))
                .isEqualTo(new SlotStore.Reservation(NOW + 5_000_000, new SlotStore.Pushes(NOW + 5_000_000, 0)));
        assertThat(store().reserve(NOW + 2, two).pushes().holdUntil()).isEqualTo(NOW + 5_000_000);
    }

    @Test
    void aShiftMovesTheNextSlotAndAddsUpAndEveryReservationAndReadCarriesIt() {
        DynamoSlotStore a = store();
        DynamoSlotStore b = store();
        SlotStore.Reservation first = a.reserve(NOW, two);
        assertThat(first.pushes().shift()).isZero();
        SlotStore.Reservation second = b.reserve(NOW + 1, two);
        assertThat(second.slot()).isEqualTo(NOW + two.spacingMicros());
        // the first slot's sender woke late and kept it: every later slot moves 12 ms, the next free one too
        assertThat(a.shift(12_000)).isEqualTo(new SlotStore.Pushes(0, 12_000));
        assertThat(b.pushes()).isEqualTo(new SlotStore.Pushes(0, 12_000));
        SlotStore.Reservation third = b.reserve(NOW + 2, two);
        assertThat(third.slot()).isEqualTo(NOW + 2 * two.spacingMicros() + 12_000);
        assertThat(third.pushes().shift()).as("the reservation's frame: later shifts move it, this one did already").isEqualTo(12_000);
        assertThat(b.shift(3_000).shift()).isEqualTo(15_000);
        assertThat(a.reserve(NOW + 3, two).slot()).isEqualTo(NOW + 3 * two.spacingMicros() + 15_000);
        assertThatThrownBy(() -> a.shift(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aScheduleNobodyReservedInHasNoSlotToShift() {
        assertThatThrownBy(() -> store().shift(5_000))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException.class);
    }

    @Test
    void aHoldOnAnEmptyScheduleIsHonouredByTheFirstReservation() {
        store().hold(NOW + 5_000_000);
        assertThat(store().reserve(NOW, two).slot()).isEqualTo(NOW + 5_000_000);
    }
}
