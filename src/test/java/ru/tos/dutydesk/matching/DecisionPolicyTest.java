package ru.tos.dutydesk.matching;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionPolicyTest {
    private final DecisionPolicy policy = new DecisionPolicy(new Thresholds(0.6, 0.3, 0.1));

    private static Candidate c(String id, double score) {
        return new Candidate(id, id, score);
    }

    @Test
    void answersWhenTheBestIsConfidentAndClearlyAhead() {
        MatchResult r = policy.decide(List.of(c("a", 0.8), c("b", 0.5)));
        assertThat(r.decision()).isEqualTo(Decision.ANSWER);
        assertThat(r.best()).get().extracting(Candidate::entryId).isEqualTo("a");
    }

    @Test
    void suggestsWhenTheBestIsNotClearlyAhead() {
        MatchResult r = policy.decide(List.of(c("a", 0.8), c("b", 0.75), c("c", 0.5), c("d", 0.4)));
        assertThat(r.decision()).isEqualTo(Decision.SUGGEST);
        assertThat(r.candidates()).extracting(Candidate::entryId).containsExactly("a", "b", "c");
    }

    @Test
    void suggestsOnlyPlausibleCandidates() {
        MatchResult r = policy.decide(List.of(c("a", 0.5), c("b", 0.2)));
        assertThat(r.decision()).isEqualTo(Decision.SUGGEST);
        assertThat(r.candidates()).extracting(Candidate::entryId).containsExactly("a");
    }

    @Test
    void escalatesWithTheBestGuessesForTheConsultant() {
        MatchResult r = policy.decide(List.of(c("a", 0.2), c("b", 0.1), c("c", 0.05), c("d", 0.01)));
        assertThat(r.decision()).isEqualTo(Decision.ESCALATE);
        assertThat(r.candidates()).extracting(Candidate::entryId).containsExactly("a", "b", "c");
        assertThat(policy.decide(List.of()).decision()).isEqualTo(Decision.ESCALATE);
    }

    private static Candidate offTopic(String id, double score) {
        return new Candidate(id, id, score, true);
    }

    @Test
    void aQuestionClosestToAnOffTopicAreaGoesToAConsultantWithThatGuess() {
        MatchResult r = policy.decide(List.of(offTopic("garden", 0.9), c("a", 0.5)));
        assertThat(r.decision()).isEqualTo(Decision.ESCALATE);
        assertThat(r.candidates()).extracting(Candidate::entryId).containsExactly("garden", "a");
    }

    @Test
    void anOffTopicAreaCloseBehindTakesAwayTheLeadButIsNeverSuggested() {
        MatchResult r = policy.decide(List.of(c("a", 0.8), offTopic("garden", 0.75), c("b", 0.5)));
        assertThat(r.decision()).isEqualTo(Decision.SUGGEST);
        assertThat(r.candidates()).extracting(Candidate::entryId).containsExactly("a", "b");
    }
}
