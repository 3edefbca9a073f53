package ru.tos.dutydesk.matching;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.OffTopicArea;
import ru.tos.dutydesk.knowledge.Synonyms;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class LuceneMatcherTest {
    private static final Thresholds THRESHOLDS = new Thresholds(0.45, 0.3, 0.05);
    private static final LuceneMatcher MATCHER =
            new LuceneMatcher(SmallKnowledge.withSynonyms(), RussianAnalysis.standard(), THRESHOLDS);

    @Test
    void findsTheEntryWhateverTheWordForm() {
        for (String q : List.of("что написать в уставе?", "с уставом не понятно, какие там пункты", "пункты устава")) {
            assertThat(MATCHER.rank(q)).as(q).first().extracting(Candidate::entryId).isEqualTo("charter");
        }
    }

    @Test
    void answersAWellCoveredQuestionAtOnce() {
        MatchResult result = MATCHER.match("какие пункты обязательны в уставе тос");
        assertThat(result.decision()).isEqualTo(Decision.ANSWER);
        assertThat(result.best()).get().extracting(Candidate::entryId).isEqualTo("charter");
        assertThat(result.best().get().score()).isBetween(0.45, 1.0);
    }

    @Test
    void synonymsJoinAnAbbreviationAndItsFullForm() {
        // the entry says only "юридическое лицо" and "фпг"; the questions use the other form
        assertThat(MATCHER.rank("тосу обязательно быть юрлицом?")).first()
                .extracting(Candidate::entryId).isEqualTo("legal-entity");
        assertThat(MATCHER.rank("подать заявку в фонд президентских грантов")).first()
                .extracting(Candidate::entryId).isEqualTo("grants");
    }

    @Test
    void withoutTheSynonymTheAbbreviationIsNotUnderstood() {
        LuceneMatcher plain = new LuceneMatcher(SmallKnowledge.withoutSynonyms(), RussianAnalysis.standard(), THRESHOLDS);
        double with = MATCHER.rank("юрлицо").stream().findFirst().map(Candidate::score).orElse(0.0);
        double without = plain.rank("юрлицо").stream().findFirst().map(Candidate::score).orElse(0.0);
        assertThat(with).isGreaterThan(without);
        assertThat(plain.match("юрлицо").decision()).isEqualTo(Decision.ESCALATE);
    }

    @Test
    void toleratesATypo() {
        assertThat(MATCHER.rank("устов тос обязательные пункты")).first()
                .extracting(Candidate::entryId).isEqualTo("charter");
        assertThat(MATCHER.rank("кворм на собрании")).first()
                .extracting(Candidate::entryId).isEqualTo("meeting");
    }

    @Test
    void aQuestionFarFromEverythingIsEscalated() {
        for (String q : List.of("продам гараж недорого", "какая погода завтра в москве", "где починить велосипед")) {
            assertThat(MATCHER.match(q).decision()).as(q).isEqualTo(Decision.ESCALATE);
        }
    }

    @Test
    void aQuestionAboutAnOffTopicAreaGoesToAConsultantWhileTosQuestionsStillGetAnswers() {
        LuceneMatcher withArea = new LuceneMatcher(SmallKnowledge.withOffTopicArea(), RussianAnalysis.standard(), THRESHOLDS);
        assertThat(MATCHER.match("что писать в уставе снт").best()).get()
                .extracting(Candidate::entryId).isEqualTo("charter");

        MatchResult offTopic = withArea.match("что писать в уставе снт");
        assertThat(offTopic.decision()).isEqualTo(Decision.ESCALATE);
        assertThat(offTopic.best()).get().extracting(Candidate::entryId, Candidate::offTopic)
                .containsExactly("garden", true);
        assertThat(withArea.match("какие пункты обязательны в уставе тос").best()).get()
                .extracting(Candidate::entryId).isEqualTo("charter");
    }

    @Test
    void aQuestionThatNamesTosIsNeverTakenForAnOffTopicArea() {
        // "тос" is in every entry's questions and in no area's, so it names the desk's subject
        KnowledgeBase kb = new KnowledgeBase(List.of(
                SmallKnowledge.entry("dues", "Взносы в ТОС", List.of("нужно ли платить взносы в тос", "участие в тос платное"),
                        List.of(), "Нет, участие бесплатное."),
                SmallKnowledge.entry("charter", "Устав ТОС", List.of("что писать в уставе тос"), List.of(), "Территорию и цели.")),
                Synonyms.none(), List.of(new OffTopicArea("garden", "СНТ", List.of("членские взносы в снт",
                "как платить членские взносы в садовом товариществе", "долг по членским взносам снт"))));
        LuceneMatcher matcher = new LuceneMatcher(kb, RussianAnalysis.standard(), THRESHOLDS);

        assertThat(matcher.rank("членские взносы")).first().extracting(Candidate::entryId).isEqualTo("garden");
        List<Candidate> aboutTos = matcher.rank("членские взносы в тос");
        assertThat(aboutTos).first().extracting(Candidate::entryId).isEqualTo("dues");
        assertThat(aboutTos).noneMatch(Candidate::offTopic);
    }

    @Test
    void aCorrectlySpeltWordTheKnowledgeLacksIsNotTakenForATypo() {
        // "погода" is one letter from "полгода"; only words the dictionary does not know are typo candidates
        LuceneMatcher matcher = new LuceneMatcher(new KnowledgeBase(List.of(SmallKnowledge.entry("age",
                "С какого возраста можно в ТОС", List.of("с какого возраста", "если живу здесь полгода"), List.of(),
                "С 16 лет.")), Synonyms.none()), RussianAnalysis.standard(), THRESHOLDS);
        assertThat(matcher.rank("погода полгода")).isNotEmpty();
        assertThat(matcher.rank("какая погода")).isEmpty();
        assertThat(matcher.rank("полгда")).first().extracting(Candidate::entryId).isEqualTo("age");
    }

    @Test
    void anEntryWhoseAnswerAloneSharesTheWordsIsNoCandidate() {
        // "порядок выборов", "срок полномочий" are in the charter entry's answer only, not in its questions, title or tags
        assertThat(MATCHER.rank("порядок выборов и срок полномочий")).isEmpty();
        assertThat(MATCHER.match("порядок выборов и срок полномочий").decision()).isEqualTo(Decision.ESCALATE);
        // one word of its questions is enough, and the answer's words then add to the score as before
        assertThat(MATCHER.rank("срок полномочий по уставу")).first().extracting(Candidate::entryId).isEqualTo("charter");
    }

    @Test
    void aSynonymOrATypoOfAWordInTheQuestionsIsAWordInCommon() {
        // the entry's questions say "юридическим лицом", the question "юрлицо"; "собранеи" is a typo of "собрание"
        assertThat(MATCHER.rank("юрлицо")).first().extracting(Candidate::entryId).isEqualTo("legal-entity");
        assertThat(MATCHER.rank("собранеи")).first().extracting(Candidate::entryId).isEqualTo("meeting");
    }

    @Test
    void pronounsParticlesAndNumbersAreNoWordInCommon() {
        // the stop list keeps "это" and "кто", and "5" is a token; none of them says what the question is about
        LuceneMatcher matcher = new LuceneMatcher(new KnowledgeBase(List.of(
                SmallKnowledge.entry("what", "Что такое ТОС", List.of("что это такое тос", "кто это такие"), List.of(),
                        "Это самоорганизация жителей; 5 шагов к созданию."),
                SmallKnowledge.entry("steps", "Как создать ТОС", List.of("как создать тос за 5 шагов"), List.of(),
                        "Соберите группу.")), Synonyms.none()), RussianAnalysis.standard(), THRESHOLDS);

        for (String q : List.of("а вот это как же так", "ну и что", "кто это?", "5", "№2", "ну да, это можно")) {
            MatchResult r = matcher.match(q);
            assertThat(r.candidates()).as(q).isEmpty();
            assertThat(r.decision()).as(q).isEqualTo(Decision.ESCALATE);
            assertThat(r.wordless()).as(q).isTrue();
        }
        MatchResult meaningful = matcher.match("что это такое тос");
        assertThat(meaningful.wordless()).isFalse();
        assertThat(meaningful.best()).get().extracting(Candidate::entryId).isEqualTo("what");
        // a question with a meaningful word the knowledge lacks is a question for a consultant, not a wordless one
        assertThat(matcher.match("продам гараж").wordless()).isFalse();
    }

    @Test
    void confidenceIsAlwaysBetweenZeroAndOneAndSortedBestFirst() {
        for (String q : List.of("устав", "устав устав устав", "собрание кворум жителей собрание", "грант", "тос")) {
            List<Candidate> ranked = MATCHER.rank(q);
            assertThat(ranked).allSatisfy(c -> assertThat(c.score()).isBetween(0.0, 1.0));
            for (int i = 1; i < ranked.size(); i++) {
                assertThat(ranked.get(i).score()).isLessThanOrEqualTo(ranked.get(i - 1).score());
            }
        }
    }

    static Stream<String> hostileInputs() {
        return Stream.of(null, "", "   ", "\n\t", "🙂🙂🙂", "AND OR (", "title:устав^100 OR *:*", "\"незакрытая кавычка",
                "\u0000\u0007\u001b[31mустав", "\uD800 одинокий суррогат", "'; DROP TABLE tickets; --", "~~~~ ???? !!!!",
                "а".repeat(100_000), "устав ".repeat(20_000), randomText(100_000), "\u202Eустав\u202C", "12345678901234567890");
    }

    @ParameterizedTest
    @MethodSource("hostileInputs")
    void hostileInputNeverThrows(String input) {
        assertThatCode(() -> {
            MatchResult result = MATCHER.match(input);
            assertThat(result.decision()).isNotNull();
        }).doesNotThrowAnyException();
    }

    @Test
    void aHugeQuestionIsCutButStillUnderstood() {
        assertThat(MATCHER.match("пункты устава ".repeat(10_000)).best()).get()
                .extracting(Candidate::entryId).isEqualTo("charter");
    }

    @Test
    void givesTheSameAnswersFromManyThreadsAtOnce() throws Exception {
        List<String> questions = List.of("что написать в уставе?", "тосу обязательно быть юрлицом?", "кворм на собрании",
                "какие конкурсы для тос", "телефон ассоциации", "продам гараж недорого");
        List<MatchResult> expected = questions.stream().map(MATCHER::match).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        for (int i = 0; i < questions.size(); i++) {
                            if (!MATCHER.match(questions.get(i)).equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String randomText(int length) {
        java.util.Random random = new java.util.Random(42);
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            sb.appendCodePoint(random.nextInt(0x2FFFF) + 1);
        }
        return sb.toString();
    }
}
