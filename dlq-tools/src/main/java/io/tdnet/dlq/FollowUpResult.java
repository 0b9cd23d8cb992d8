package io.tdnet.dlq;

import io.tdnet.model.Outcome;
import java.util.List;

/**
 * How redriven disclosures ended.
 *
 * @param followed false when nobody watched them settle (AWS): then there are no settlements
 * @param settlements one per redriven disclosure
 */
public record FollowUpResult(boolean followed, List<Settlement> settlements) {

    public FollowUpResult {
        settlements = List.copyOf(settlements);
    }

    public static FollowUpResult notFollowed() {
        return new FollowUpResult(false, List.of());
    }

    public static FollowUpResult followed(List<Settlement> settlements) {
        return new FollowUpResult(true, settlements);
    }

    /** Stored now, or found already stored. */
    public List<Settlement> recovered() {
        return settlements.stream().filter(Settlement::recovered).toList();
    }

    /** Failed again, or did not settle in time. */
    public List<Settlement> failedAgain() {
        return settlements.stream().filter(s -> !s.recovered()).toList();
    }

    /**
     * One redriven disclosure's end.
     *
     * @param outcome STORED / ALREADY_PRESENT (recovered), FAILED, or PENDING when it did not settle
     * @param reason why it failed again, else null
     */
    public record Settlement(String disclosureId, String executionId, Outcome outcome, String reason) {
        public boolean recovered() {
            return outcome == Outcome.STORED || outcome == Outcome.ALREADY_PRESENT;
        }
    }
}
