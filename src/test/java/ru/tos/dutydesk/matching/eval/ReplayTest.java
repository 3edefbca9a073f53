package ru.tos.dutydesk.matching.eval;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.Synonyms;
import ru.tos.dutydesk.matching.Candidate;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.IntentDetector;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.Matcher;
import ru.tos.dutydesk.matching.Thresholds;
import ru.tos.dutydesk.matching.VariantGuard;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay teaches what the desk got wrong on its half and measures both halves again (issue 18 point 5). */
class ReplayTest {
    /** A desk that answers exactly the questions its entries list, and sends everything else to a person. */
    private static final Function<KnowledgeBase, Matcher> EXACT = kb -> q -> kb.entries().stream()
            .filter(e -> e.questions().contains(q)).findFirst()
            .map(e -> new MatchResult(Decision.ANSWER, List.of(new Candidate(e.id(), e.title(), 1.0))))
            .orElse(MatchResult.escalate());

    private static Entry entry(String id, String question) {
        return new Entry(id, id, List.of(question), List.of(), List.of("131-ФЗ"), LocalDate.of(2026, 11, 1), "Ответ.",
                Path.of(id + ".md"));
    }

    @Test
    void the_replayed_half_is_taught_and_answered_after_and_a_question_for_a_person_is_never_taught() {
        KnowledgeBase kb = new KnowledgeBase(List.of(entry("create-steps", "как создать тос"),
                entry("money-taxes", "платит ли тос налоги")), Synonyms.none());
        List<EvalRow> rows = List.of(new EvalRow("с чего начать тос", "create-steps"),
                new EvalRow("налоги у тоса есть", "money-taxes"), new EvalRow("рецепт борща", "-"),
                new EvalRow("как создать тос", "create-steps"), new EvalRow("тос и ндфл", "money-taxes"),
                new EvalRow("какая погода", "-"));
        Replay replay = new Replay(new Evaluation(new IntentDetector()), new VariantGuard(EXACT, List.of()),
                new Thresholds(0.4, 0.3, 0.1));

        Replay.Result r = replay.run(rows, 7, kb, EXACT.apply(kb));

        assertThat(r.replayedRows()).isEqualTo(3);
        assertThat(r.otherRows()).isEqualTo(3);
        long wrongBefore = r.replayedBefore().rows().stream()
                .filter(x -> x.answerable() && !(x.decision() == Decision.ANSWER && x.expected().equals(x.id()))).count();
        assertThat(r.taught()).isEqualTo((int) wrongBefore).isPositive();
        assertThat(r.replayedAfter().answeredCorrectly()).isEqualTo(1.0);
        assertThat(r.replayedAfter().confidentWrong()).isZero();
        assertThat(r.replayedAfter().rows()).filteredOn(x -> !x.answerable())
                .allSatisfy(x -> assertThat(x.decision()).isEqualTo(Decision.ESCALATE));
        // the other half's questions were never taught: this exact desk answers them no better
        assertThat(r.otherAfter().answeredCorrectly()).isEqualTo(r.otherBefore().answeredCorrectly());
        assertThat(Replay.toText("x.tsv", r)).contains("x.tsv, seed 7").contains("taught " + r.taught());
    }
}
