package ru.tos.dutydesk.knowledge;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KnowledgeCheckTest {
    private static final List<String> SIX = List.of("q1", "q2", "q3", "q4", "q5", "q6");
    private static final Law LAW_33 = new Law("33-ФЗ", "Закон 33", "http://publication.pravo.gov.ru/1",
            Law.Status.IN_FORCE, null, null, null, List.of());
    private final KnowledgeCheck check = new KnowledgeCheck();

    private static Entry entry(String id, List<String> questions, String body) {
        return new Entry(id, "Title " + id, questions, List.of("t"), List.of("33-ФЗ, ст. 50"), LocalDate.of(2026, 11, 25), body,
                Path.of("faq", id + ".md"));
    }

    private static KnowledgeBase kb(Entry... entries) {
        return new KnowledgeBase(List.of(entries),
                new Synonyms(List.of(List.of("тос", "территориальное общественное самоуправление"), List.of("а", "б"))),
                List.of(), new LawRegistry(List.of(LAW_33)), SourcePolicy.none());
    }

    @Test
    void goodEntriesGiveOnlyTheSummary() {
        KnowledgeReport r = check.check(kb(entry("a", SIX, "Short answer.\n\nMore."),
                entry("b", List.of("b1", "b2", "b3", "b4", "b5", "b6"), "Other.")));
        assertThat(r.findings()).isEmpty();
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.lines()).containsExactly("2 entries, 2 synonym groups, 0 off-topic areas, 1 laws");
    }

    @Test
    void longFirstParagraphIsAnError() {
        String first = "слово ".repeat(101).strip(); // 605 characters
        KnowledgeReport r = check.check(kb(entry("a", SIX, first + "\n\nДальше.")));
        assertThat(r.errors()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo(Path.of("faq", "a.md"));
            assertThat(f.message()).contains("first paragraph is 605 characters");
        });
    }

    @Test
    void markdownSyntaxIsNotCountedInTheFirstParagraph() {
        // 590 visible characters; the ** markers would push the raw text over 600
        String first = "**" + "а".repeat(295) + "** **" + "б".repeat(294) + "**";
        KnowledgeReport r = check.check(kb(entry("a", SIX, first)));
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void answerLongerThanTheLimitAsPlainTextIsAnError() {
        String paragraph = "п".repeat(500);
        String body = String.join("\n\n", java.util.Collections.nCopies(8, paragraph)); // 4000 characters of text
        KnowledgeReport r = check.check(kb(entry("a", SIX, body)));
        assertThat(r.errors()).extracting(KnowledgeReport.Finding::message)
                .singleElement().asString().startsWith("answer is ").contains("at most 3500");
    }

    @Test
    void answerJustUnderTheLimitPasses() {
        String paragraph = "п".repeat(500);
        String body = String.join("\n\n", java.util.Collections.nCopies(6, paragraph)); // about 3000 of text
        assertThat(check.check(kb(entry("a", SIX, body))).findings()).isEmpty();
    }

    @Test
    void fewerThanSixQuestionVariantsIsAnError() {
        KnowledgeReport r = check.check(kb(entry("a", SIX.subList(0, 5), "Ответ.")));
        assertThat(r.errors()).extracting(KnowledgeReport.Finding::format)
                .containsExactly(Path.of("faq", "a.md") + ": error: 5 question variants; at least 6 are needed");
    }

    @Test
    void missingRequiredIdsAreErrors() {
        KnowledgeReport r = check.check(kb(entry("a", SIX, "Ответ.")), Set.of("a", "desk-privacy", "create-steps"));
        assertThat(r.errors()).extracting(KnowledgeReport.Finding::format).containsExactly(
                "create-steps: error: required entry 'create-steps' is missing",
                "desk-privacy: error: required entry 'desk-privacy' is missing");
        assertThat(r.lines()).last().isEqualTo("1 entries, 2 synonym groups, 0 off-topic areas, 1 laws");
    }

    @Test
    void sameQuestionInTwoEntriesIsAWarning() {
        List<String> other = List.of("x1", "x2", "x3", "x4", "x5", "Q1");
        KnowledgeReport r = check.check(kb(entry("a", SIX, "A."), entry("b", other, "B.")));
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.warnings()).extracting(KnowledgeReport.Finding::message)
                .containsExactly("question variant \"Q1\" is also in a; the matcher cannot tell them apart");
    }
}
