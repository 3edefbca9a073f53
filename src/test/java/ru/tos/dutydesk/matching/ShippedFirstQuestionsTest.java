package ru.tos.dutydesk.matching;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped knowledge base and thresholds answer at once the first questions a newcomer asks, among them the one
 * the README and the guides tell people to try («как создать тос?»). Evaluation figures are shares over hundreds of
 * rows; a change of question variants can move these few below the margin without moving a share, and a person
 * trying the desk for the first time would then get a list of choices instead of an answer.
 */
class ShippedFirstQuestionsTest {
    private static LuceneMatcher matcher;

    @BeforeAll
    static void load() {
        matcher = FaqFiles.shippedMatcher();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            как создать тос?               | create-steps
            как создать тос                | create-steps
            что такое тос                  | tos-what-is
            какой закон регулирует тос     | tos-law
            где взять образец устава тос   | desk-model-documents
            """)
    void isAnsweredAtOnce(String question, String entry) {
        MatchResult r = matcher.match(question);
        assertThat(r.decision()).as(question).isEqualTo(Decision.ANSWER);
        assertThat(r.best()).as(question).get().extracting(Candidate::entryId).isEqualTo(entry);
    }
}
