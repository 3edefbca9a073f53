package ru.tos.dutydesk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.LearningCase;
import ru.tos.dutydesk.desk.Person;
import ru.tos.dutydesk.store.SqlStore;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kb inbox}: open learning cases as proposals, on the project's own knowledge (issue 18 point 2). */
class KbInboxTest {
    @TempDir
    Path dir;

    private String run(String... more) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            List<String> args = new ArrayList<>(List.of("--config", "config/duty-desk.yml", "--faq", "faq",
                    "--db", dir.resolve("desk.db").toString(), "kb", "inbox"));
            args.addAll(List.of(more));
            assertThat(Main.execute(args.toArray(String[]::new))).isZero();
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(oldOut);
        }
    }

    @Test
    void chosen_entries_get_proposed_variants_and_similar_escalated_questions_a_proposed_entry_with_the_answers()
            throws Exception {
        Instant at = Instant.parse("2026-11-25T09:00:00Z");
        try (SqlStore store = SqlStore.open(dir.resolve("desk.db"))) {
            store.inTransaction(tx -> {
                long anna = tx.upsertUser(new Person(Channel.TELEGRAM, "1", "Анна"), at).id();
                long boris = tx.upsertUser(new Person(Channel.TELEGRAM, "2", "Борис"), at).id();
                for (long who : new long[]{anna, boris, boris}) {
                    long consultation = tx.openConsultation(who, Channel.TELEGRAM, "вопрос", at);
                    tx.openTicket(consultation, who, new ru.tos.dutydesk.desk.Address(Channel.TELEGRAM, "1"), "вопрос", at);
                }
                tx.addLearningCase(LearningCase.of(LearningCase.Kind.CHOSEN, anna, null, null, "с чего начинается тос",
                        null, "create-steps", null, at));
                tx.addLearningCase(LearningCase.of(LearningCase.Kind.ESCALATED, anna, null, 1L,
                        "можно ли завести ульи с пчелами на общей земле", null, null, "Спросите в администрации района.", at));
                tx.addLearningCase(LearningCase.of(LearningCase.Kind.ESCALATED, boris, null, 2L,
                        "ульи с пчелами где ставить", null, null, "По правилам содержания пчёл.", at));
                // forgotten: nothing left to teach
                tx.addLearningCase(LearningCase.of(LearningCase.Kind.ESCALATED, boris, null, 3L, null, null, null, null, at));
                long taught = tx.addLearningCase(LearningCase.of(LearningCase.Kind.CHOSEN, boris, null, null,
                        "тос это что", null, "tos-what-is", null, at));
                tx.resolveLearningCase(taught, LearningCase.State.TAUGHT, "tos-what-is", "Ольга", at);
                return null;
            });
        }

        JsonNode inbox = new ObjectMapper().readTree(run("--json"));

        assertThat(inbox.get("variants")).hasSize(1);
        JsonNode variant = inbox.get("variants").get(0);
        assertThat(variant.get("entry").asText()).isEqualTo("create-steps");
        assertThat(variant.get("cases").get(0).get("question").asText()).isEqualTo("с чего начинается тос");
        assertThat(inbox.get("new_entries")).hasSize(1);
        JsonNode group = inbox.get("new_entries").get(0).get("cases");
        assertThat(group).hasSize(2);
        assertThat(group.get(0).get("answer").asText()).isEqualTo("Спросите в администрации района.");
        assertThat(group.get(1).get("ticket").asInt()).isEqualTo(2);

        String text = run();
        assertThat(text).contains("Открытых случаев обучения: 4").contains("create-steps")
                .contains("«ульи с пчелами где ставить» (случай 3, №2, ответил консультант)")
                .contains("ответ консультанта: Спросите в администрации района.");
    }

    @Test
    void taught_lists_what_the_files_record_as_taught() throws Exception {
        Path faq = dir.resolve("faq");
        Files.createDirectories(faq.resolve("basics"));
        Files.writeString(faq.resolve("basics/tos-what-is.md"), """
                ---
                id: tos-what-is
                title: Что такое ТОС
                questions:
                  - что такое тос
                  - тос это что
                tags: [тос]
                sources:
                  - 131-ФЗ, ст. 27
                reviewed: 2026-11-25
                taught:
                  - "7 | 2026-11-25 | Ольга | тос это что"
                ---
                ТОС — это самоорганизация граждан.
                """);
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.execute("--config", "config/duty-desk.yml", "--faq", faq.toString(),
                    "--db", dir.resolve("desk.db").toString(), "kb", "inbox", "--taught")).isZero();
        } finally {
            System.setOut(oldOut);
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("tos-what-is: «тос это что» — Ольга, 2026-11-25 (убрать: /untaught 7)");
    }
}
