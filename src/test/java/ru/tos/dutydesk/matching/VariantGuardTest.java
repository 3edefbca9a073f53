package ru.tos.dutydesk.matching;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.config.ConfigLoader;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.matching.eval.EvalFile;
import ru.tos.dutydesk.matching.eval.EvalRow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The teaching guard on the project's own knowledge and evaluation files, with the real matcher (issue 18 point 4). */
class VariantGuardTest {
    private static KnowledgeBase knowledge;
    private static Matcher current;
    private static VariantGuard guard;

    @BeforeAll
    static void build() {
        Thresholds thresholds = new ConfigLoader(Map.of()).load(Path.of("config/duty-desk.yml")).thresholds();
        knowledge = FaqFiles.load(Path.of("faq"));
        RussianAnalysis analysis = RussianAnalysis.standard();
        current = new LuceneMatcher(knowledge, analysis, thresholds);
        List<EvalRow> rows = new ArrayList<>();
        for (String f : List.of("own.tsv", "blind-1.tsv", "blind-2.tsv")) {
            rows.addAll(EvalFile.read(Path.of("src/test/resources/eval", f)));
        }
        guard = new VariantGuard(kb -> new LuceneMatcher(kb, analysis, thresholds), rows);
    }

    @Test
    void a_variant_that_would_take_an_evaluation_question_from_its_entry_is_refused_with_the_entry_it_would_pull() {
        String question = "порядок учреждения территориального общественного самоуправления, этапы";
        assertThat(current.match(question).best().map(Candidate::entryId)).contains("create-steps");

        VariantGuard.Verdict verdict = guard.check(knowledge, current, "create-founding-meeting", question + " вообще");

        assertThat(verdict.safe()).isFalse();
        assertThat(verdict.owners()).containsExactly("create-steps");
        assertThat(verdict.pulled()).extracting(VariantGuard.Pulled::question).contains(question);
        assertThat(verdict.matcher().match(question).best().map(Candidate::entryId)).contains("create-founding-meeting");
    }

    @Test
    void a_question_of_the_entrys_own_topic_passes() {
        VariantGuard.Verdict verdict = guard.check(knowledge, current, "tos-territory",
                "можно ли тос в гаражном кооперативе без жилых домов");

        assertThat(verdict.pulled()).isEmpty();
        assertThat(verdict.matcher().match("можно ли тос в гаражном кооперативе без жилых домов").best()
                .map(Candidate::entryId)).contains("tos-territory");
    }
}
