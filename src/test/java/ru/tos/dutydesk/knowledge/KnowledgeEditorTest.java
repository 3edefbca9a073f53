package ru.tos.dutydesk.knowledge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Taught variants are written the way a careful editor would, and read back by the loader as written. */
class KnowledgeEditorTest {
    @TempDir
    Path faq;

    private Path file(String text) throws Exception {
        Path f = faq.resolve("basics/tos-what-is.md");
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private static final String ENTRY = """
            ---
            id: tos-what-is
            title: Что такое ТОС
            questions:
                - что такое тос   # the first
                - "тос: что это"
            tags: [тос]
            sources:
              - 131-ФЗ, ст. 27
            reviewed: 2026-11-25
            ---
            ТОС — это самоорганизация граждан.
            """;

    @Test
    void text_yaml_would_misread_is_quoted_and_windows_line_endings_and_the_items_indent_stay() throws Exception {
        Path f = file(ENTRY.replace("\n", "\r\n"));
        KnowledgeEditor editor = new KnowledgeEditor(faq);

        editor.addVariant(f, new TaughtVariant(3, LocalDate.of(2026, 12, 1), "Ольга | Петрова", "тос: \"зачем\"  он # нужен"));
        editor.addVariant(f, new TaughtVariant(4, LocalDate.of(2026, 12, 2), "Иван", "а тос это\nорганизация?"));

        String text = Files.readString(f);
        assertThat(text).doesNotContain("\n\n").contains("\r\n").doesNotContainPattern("[^\r]\n");
        assertThat(text).contains("    - \"тос: \\\"зачем\\\" он # нужен\"\r\n    - а тос это организация?\r\n");
        Entry e = new KnowledgeLoader().load(faq, Map.of()).entry("tos-what-is").orElseThrow();
        assertThat(e.questions()).containsExactly("что такое тос", "тос: что это", "тос: \"зачем\" он # нужен",
                "а тос это организация?");
        assertThat(editor.taught(f)).extracting(TaughtVariant::by).containsExactly("Ольга / Петрова", "Иван");

        assertThat(editor.removeVariant(f, 3)).map(TaughtVariant::question).contains("тос: \"зачем\" он # нужен");
        assertThat(new KnowledgeLoader().load(faq, Map.of()).entry("tos-what-is").orElseThrow().questions())
                .containsExactly("что такое тос", "тос: что это", "а тос это организация?");
        editor.removeVariant(f, 4);
        assertThat(Files.readString(f)).isEqualTo(ENTRY.replace("\n", "\r\n"));
    }

    @Test
    void a_list_written_on_one_line_or_a_known_question_is_refused_and_the_file_is_left_alone() throws Exception {
        String flow = ENTRY.replace("questions:\n    - что такое тос   # the first\n    - \"тос: что это\"\n",
                "questions: [что такое тос, тос что это]\n");
        Path f = file(flow);
        KnowledgeEditor editor = new KnowledgeEditor(faq);

        assertThatThrownBy(() -> editor.addVariant(f, new TaughtVariant(1, LocalDate.of(2026, 12, 1), "Ольга", "новый")))
                .isInstanceOf(KnowledgeEditException.class).hasMessageContaining("tos-what-is.md").hasMessageContaining("one line");
        assertThat(Files.readString(f)).isEqualTo(flow);

        Path g = file(ENTRY);
        assertThatThrownBy(() -> editor.addVariant(g, new TaughtVariant(1, LocalDate.of(2026, 12, 1), "Ольга", "Что такое  ТОС")))
                .isInstanceOf(KnowledgeEditException.class).hasMessageContaining("already has this question");
        assertThat(Files.readString(g)).isEqualTo(ENTRY);
    }

    @Test
    void a_malformed_taught_record_is_a_problem_at_its_line() throws Exception {
        file(ENTRY.replace("reviewed: 2026-11-25\n", "reviewed: 2026-11-25\ntaught:\n  - Ольга научила\n"));

        assertThatThrownBy(() -> new KnowledgeLoader().load(faq, Map.of()))
                .isInstanceOf(KnowledgeProblems.class).hasMessageContaining("tos-what-is.md:12")
                .hasMessageContaining("case | YYYY-MM-DD | who | question");
    }

    @Test
    void drafts_are_written_under_drafts_and_never_loaded() throws Exception {
        file(ENTRY);
        Path draft = new KnowledgeEditor(faq).writeDraft("draft-ticket-5", java.util.List.of("ульи на территории тос"),
                java.util.List.of("Спросите в администрации."), "Ольга", LocalDate.of(2026, 12, 1));

        assertThat(draft).isEqualTo(faq.resolve("_drafts/draft-ticket-5.md"));
        assertThat(Files.readString(draft)).contains("  - ульи на территории тос").contains("Спросите в администрации.");
        assertThat(new KnowledgeLoader().load(faq, Map.of()).size()).isEqualTo(1);
        assertThat(new KnowledgeEditor(faq).drafts()).containsExactly(draft);
    }
}
