package io.tdnet.wiring.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.wiring.pacing.SlotStore.Pushes;
import org.junit.jupiter.api.Test;

class KnownPushesTest {
    private final KnownPushes known = new KnownPushes();

    @Test
    void nothingIsKnownBeforeTheFirstAnswer() {
        assertThat(known.asOf(Long.MIN_VALUE + 1)).isEmpty();
        assertThat(known.pushes()).isEqualTo(Pushes.NONE);
    }

    @Test
    void anAnswerAskedForAtOrAfterTheCheckStandsForTheRead() {
        known.learn(Pushes.NONE, 1_000);
        assertThat(known.asOf(1_000)).hasValue(Pushes.NONE);
        assertThat(known.asOf(999)).hasValue(Pushes.NONE);
        // a check that starts later than the answer was asked for cannot use it: a push may lie between
        assertThat(known.asOf(1_001)).isEmpty();
    }

    @Test
    void anOlderAnswerArrivingLateNeitherShortensTheSpanNorUndoesAShiftNorMakesTheKnowledgeOlder() {
        known.learn(new Pushes(5_000_000, 30_000), 2_000);
        known.learn(Pushes.NONE, 1_000); // a slow reservation of another thread, asked for earlier, answered after
        assertThat(known.asOf(2_000)).hasValue(new Pushes(5_000_000, 30_000));
        assertThat(known.asOfMicros()).isEqualTo(2_000);
    }

    @Test
    void aLaterAnswerWithoutAPushStillCarriesThePushesAnEarlierAnswerSaw() {
        // pushes only grow in the store: an answer that missed one cannot have been carried out after it
        known.learn(new Pushes(5_000_000, 0), 1_000);
        known.learn(new Pushes(0, 20_000), 3_000);
        assertThat(known.asOf(3_000)).hasValue(new Pushes(5_000_000, 20_000));
    }

    @Test
    void thisProcesssOwnPushRaisesTheSpanButNotTheFreshness() {
        known.learn(new Pushes(0, 7_000), 1_000);
        known.pushed(9_000_000);
        assertThat(known.pushes()).isEqualTo(new Pushes(9_000_000, 7_000));
        // another process may have pushed a longer span before: this process has not seen the store since 1,000
        assertThat(known.asOf(1_001)).isEmpty();
        assertThat(known.asOf(1_000)).hasValue(new Pushes(9_000_000, 7_000));
    }
}
