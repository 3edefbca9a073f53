package ru.tos.dutydesk.matching;

import java.util.List;
import java.util.Optional;

/**
 * Ranked candidates (best first) and the decision taken on them.
 *
 * @param wordless true when the question has no meaningful word at all (only stop words, pronouns, particles,
 *                 numbers: «ну и что», «это как?»): nothing to answer and nothing a consultant could act on
 */
public record MatchResult(Decision decision, List<Candidate> candidates, boolean wordless) {
    public MatchResult {
        candidates = List.copyOf(candidates);
    }

    public MatchResult(Decision decision, List<Candidate> candidates) {
        this(decision, candidates, false);
    }

    public Optional<Candidate> best() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }

    public static MatchResult escalate() {
        return new MatchResult(Decision.ESCALATE, List.of());
    }

    /** A question without a meaningful word: escalated if the caller has nothing better to do with it. */
    public static MatchResult nothingToMatch() {
        return new MatchResult(Decision.ESCALATE, List.of(), true);
    }
}
