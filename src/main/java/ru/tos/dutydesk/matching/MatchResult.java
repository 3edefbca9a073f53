package ru.tos.dutydesk.matching;

import java.util.List;
import java.util.Optional;

/** Ranked candidates (best first) and the decision taken on them. */
public record MatchResult(Decision decision, List<Candidate> candidates) {
    public MatchResult {
        candidates = List.copyOf(candidates);
    }

    public Optional<Candidate> best() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }

    public static MatchResult escalate() {
        return new MatchResult(Decision.ESCALATE, List.of());
    }
}
