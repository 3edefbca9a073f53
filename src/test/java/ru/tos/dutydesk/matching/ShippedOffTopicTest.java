package ru.tos.dutydesk.matching;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped knowledge base and thresholds on questions next to ТОС: an СНТ's or a block of flats' own affairs go
 * to a consultant as off-topic, even where a ТОС answer explains СНТ or ТСЖ in passing, while the same words asked
 * about ТОС get the ТОС answer.
 */
class ShippedOffTopicTest {
    private static LuceneMatcher matcher;

    @BeforeAll
    static void load() {
        matcher = FaqFiles.shippedMatcher();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            хотим поменять устав нашего снт          | garden
            как вступить в снт                       | garden
            как сменить ук в нашем доме              | housing
            общее собрание собственников квартир как | owners-meeting
            как выдвинуться в депутаты самому        | elections
            """)
    void aNeighbouringMattersQuestionGoesToAConsultantAsOffTopic(String question, String area) {
        MatchResult r = matcher.match(question);
        assertThat(r.decision()).as(question).isEqualTo(Decision.ESCALATE);
        assertThat(r.best()).as(question).get().extracting(Candidate::entryId, Candidate::offTopic)
                .containsExactly(area, true);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            чем тос отличается от снт        | tos-vs-other
            мне 17 лет, можно участвовать в тос | tos-who-can-join
            """)
    void theSameWordsAskedAboutTosGetTheTosAnswer(String question, String entry) {
        MatchResult r = matcher.match(question);
        assertThat(r.decision()).as(question).isNotEqualTo(Decision.ESCALATE);
        assertThat(r.best()).as(question).get().extracting(Candidate::entryId).isEqualTo(entry);
    }

    /** Where to complain about a street or a house is answered; how to run the house itself stays off-topic above. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            вечером на нашей улице темно, фонари не работают, кому сообщить | practice-complaints
            контейнеры с мусором переполнены уже неделю, куда обращаться    | practice-complaints
            может ли тос поддержать кандидата на выборах в думу             | practice-elections
            """)
    void aComplaintAboutTheStreetOrTosInAnElectionGetsItsAnswer(String question, String entry) {
        MatchResult r = matcher.match(question);
        assertThat(r.decision()).as(question).isNotEqualTo(Decision.ESCALATE);
        assertThat(r.best()).as(question).get().extracting(Candidate::entryId).isEqualTo(entry);
    }
}
