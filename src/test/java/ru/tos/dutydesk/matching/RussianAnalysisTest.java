package ru.tos.dutydesk.matching;

import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RussianAnalysisTest {
    private final RussianAnalysis analysis = RussianAnalysis.standard();
    private final Analyzer plain = analysis.plain();

    private String one(String word) {
        return RussianAnalysis.terms(plain, word).get(0);
    }

    @Test
    void inflectedFormsMeetInOneTerm() {
        assertThat(one("уставе")).isEqualTo(one("устав")).isEqualTo(one("Уставом"));
        assertThat(one("собрания")).isEqualTo(one("собрание"));
        // the dictionary knows "оплатили" is a form of "оплатить", whose stem meets "оплата"
        assertThat(one("оплатили")).isEqualTo(one("оплата"));
    }

    @Test
    void abbreviationsUnknownToTheDictionaryAreStemmed() {
        assertThat(one("тоса")).isEqualTo(one("ТОС")).isEqualTo(one("тосу"));
    }

    @Test
    void yoIsFoldedToYe() {
        assertThat(one("отчёт")).isEqualTo(one("отчет"));
    }

    @Test
    void dropsFillerWordsButKeepsQuestionWordsThatMatter() {
        assertThat(RussianAnalysis.terms(plain, "и в на же")).isEmpty();
        assertThat(RussianAnalysis.terms(plain, "когда")).hasSize(1);
        assertThat(RussianAnalysis.terms(plain, "кто")).hasSize(1);
    }

    @Test
    void indexAnalyzerAddsSynonymsOfWordsAndPhrases() {
        Analyzer index = analysis.forIndex(SmallKnowledge.SYNONYMS);
        assertThat(RussianAnalysis.terms(index, "юридическим лицом")).contains(one("юрлицо"));
        assertThat(RussianAnalysis.terms(index, "юрлица")).containsAll(RussianAnalysis.terms(plain, "юридическое лицо"));
    }
}
