package ru.tos.dutydesk.matching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class BaselineMatcherTest {
    private final BaselineMatcher baseline =
            new BaselineMatcher(SmallKnowledge.withSynonyms(), new Thresholds(0.3, 0.2, 0.05));

    @Test
    void matchesWordsOfTheQuestionVariants() {
        assertThat(baseline.rank("какой кворум нужен")).first().extracting(Candidate::entryId).isEqualTo("meeting");
        assertThat(baseline.rank("какой кворум нужен")).allSatisfy(c -> assertThat(c.score()).isBetween(0.0, 1.0));
    }

    @Test
    void knowsNoSynonymsAndNoTypos() {
        assertThat(baseline.rank("юрлицо")).isEmpty();
        assertThat(baseline.rank("кворм")).isEmpty();
    }

    @Test
    void neverThrows() {
        for (String q : new String[] {null, "", "AND OR (", "🙂", "а".repeat(100_000)}) {
            assertThatCode(() -> baseline.match(q)).doesNotThrowAnyException();
        }
    }
}
