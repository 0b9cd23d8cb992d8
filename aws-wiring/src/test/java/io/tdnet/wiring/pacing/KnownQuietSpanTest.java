package io.tdnet.wiring.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownQuietSpanTest {
    private final KnownQuietSpan known = new KnownQuietSpan();

    @Test
    void nothingIsKnownBeforeTheFirstAnswer() {
        assertThat(known.asOf(Long.MIN_VALUE + 1)).isEmpty();
        assertThat(known.holdUntil()).isZero();
    }

    @Test
    void anAnswerAskedForAtOrAfterTheCheckStandsForTheRead() {
        known.learn(0, 1_000);
        assertThat(known.asOf(1_000)).hasValue(0);
        assertThat(known.asOf(999)).hasValue(0);
        // a check that starts later than the answer was asked for cannot use it: a push may lie between
        assertThat(known.asOf(1_001)).isEmpty();
    }

    @Test
    void anOlderAnswerArrivingLateNeitherShortensTheSpanNorMakesTheKnowledgeOlder() {
        known.learn(5_000_000, 2_000);
        known.learn(0, 1_000); // a slow reservation of another thread, asked for earlier, answered after
        assertThat(known.asOf(2_000)).hasValue(5_000_000);
        assertThat(known.asOfMicros()).isEqualTo(2_000);
    }

    @Test
    void aLaterAnswerWithoutTheSpanStillCarriesTheSpanAnEarlierAnswerSaw() {
        // holds only move later in the store: an answer that missed it cannot have been carried out after it
        known.learn(5_000_000, 1_000);
        known.learn(0, 3_000);
        assertThat(known.asOf(3_000)).hasValue(5_000_000);
    }

    @Test
    void thisProcesssOwnPushRaisesTheSpanButNotTheFreshness() {
        known.learn(0, 1_000);
        known.pushed(9_000_000);
        assertThat(known.holdUntil()).isEqualTo(9_000_000);
        // another process may have pushed a longer span before: this process has not seen the store since 1,000
        assertThat(known.asOf(1_001)).isEmpty();
        assertThat(known.asOf(1_000)).hasValue(9_000_000);
    }
}
