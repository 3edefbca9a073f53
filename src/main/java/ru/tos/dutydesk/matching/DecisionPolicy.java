package ru.tos.dutydesk.matching;

import java.util.List;

/**
 * Turns ranked candidates into a decision by {@link Thresholds}: ANSWER when the best is confident and clearly
 * ahead of the second, SUGGEST a few when the best is plausible, ESCALATE otherwise. Escalations keep the best
 * guesses so that a consultant sees them on the ticket card. A question closest to an off-topic area is
 * escalated; an off-topic area close behind the best entry counts against its lead like any rival, and is never
 * offered as a choice.
 */
public final class DecisionPolicy {
    public static final int MAX_SUGGESTIONS = 3;

    private final Thresholds thresholds;

    public DecisionPolicy(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    public MatchResult decide(List<Candidate> ranked) {
        if (ranked.isEmpty()) {
            return MatchResult.escalate();
        }
        double best = ranked.get(0).score();
        double second = ranked.size() > 1 ? ranked.get(1).score() : 0;
        if (ranked.get(0).offTopic()) {
            return new MatchResult(Decision.ESCALATE, top(ranked, MAX_SUGGESTIONS));
        }
        if (best >= thresholds.answer() && best - second >= thresholds.margin()) {
            return new MatchResult(Decision.ANSWER, top(ranked, MAX_SUGGESTIONS));
        }
        if (best >= thresholds.suggest()) {
            List<Candidate> plausible = ranked.stream()
                    .limit(MAX_SUGGESTIONS)
                    .filter(c -> !c.offTopic() && c.score() >= thresholds.suggest())
                    .toList();
            return new MatchResult(Decision.SUGGEST, plausible);
        }
        return new MatchResult(Decision.ESCALATE, top(ranked, MAX_SUGGESTIONS));
    }

    private static List<Candidate> top(List<Candidate> ranked, int n) {
        return ranked.subList(0, Math.min(n, ranked.size()));
    }
}
