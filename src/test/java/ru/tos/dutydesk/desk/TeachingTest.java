package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.KnowledgeLoader;
import ru.tos.dutydesk.matching.Candidate;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.MatchResult;
import ru.tos.dutydesk.matching.Matcher;
import ru.tos.dutydesk.matching.eval.EvalRow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANT;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANTS;
import static ru.tos.dutydesk.desk.DeskHarness.COORDINATOR;
import static ru.tos.dutydesk.desk.DeskHarness.STRANGER;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/** Consultants teach the knowledge from their chat (issue 18 points 3 and 4). */
class TeachingTest extends DeskHarnessTest {
    static final String GARAGE = "можно ли тос в гаражном кооперативе";
    final Person anna = resident("1001");
    /** What the matcher with a taught variant answers, where it differs from the desk's script. */
    final Map<String, MatchResult> afterTeaching = new HashMap<>();
    /** An evaluation question for a person, which no entry may take. */
    final List<EvalRow> evalRows = List.of(new EvalRow("сколько стоит регистрация", "-"));
    Path faq;
    Path steps;

    @BeforeEach
    void teachable() throws Exception {
        faq = dir.resolve("faq");
        h.teachable(faq, kb -> question -> afterTeaching.containsKey(question) ? afterTeaching.get(question)
                : h.matcher().match(question), evalRows);
        steps = faq.resolve("basics/create-steps.md");
    }

    private void escalatedAndAnswered() {
        h.script(GARAGE, Decision.ESCALATE);
        h.says(anna, GARAGE);
        h.inConsultantsChat(CONSULTANT, "Нет, только там, где живут люди.", h.cardIdOf(1));
    }

    @Test
    void a_tap_on_an_offered_entry_writes_the_question_into_its_file_as_a_variant_keeping_the_rest_of_the_file()
            throws Exception {
        h.script(GARAGE, new MatchResult(Decision.ESCALATE, List.of(new Candidate("create-steps", "Как создать ТОС", 0.3))));
        String before = Files.readString(steps);
        h.says(anna, GARAGE);
        h.inConsultantsChat(CONSULTANT, "Нет, только там, где живут люди.", h.cardIdOf(1));

        h.tapsInConsultantsChat(CONSULTANT, h.button(CONSULTANTS, "Как создать ТОС").data());

        String after = Files.readString(steps);
        assertThat(after).contains("""
                questions:
                  - как создать тос
                  - можно ли тос в гаражном кооперативе
                tags: [тег]""").contains("# variants as residents ask");
        assertThat(after).contains("taught:\n  - \"1 | 2026-11-25 | Ольга | можно ли тос в гаражном кооперативе\"\n---\n");
        assertThat(after.lines().filter(l -> !before.lines().toList().contains(l)).toList()).hasSize(3);
        KnowledgeBase reloaded = new KnowledgeLoader().load(faq, Map.of());
        assertThat(reloaded.entry("create-steps").orElseThrow().questions()).contains(GARAGE);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("добавлен в статью «Как создать ТОС»").contains("/untaught 1");
        assertThat(h.read(tx -> tx.learningCase(1)).orElseThrow().state()).isEqualTo(LearningCase.State.TAUGHT);
        assertThat(faq.resolve("basics")).isDirectoryNotContaining("glob:**/.*");
    }

    @Test
    void teach_by_command_and_a_second_time_is_refused_as_done() throws Exception {
        escalatedAndAnswered();

        h.inConsultantsChat(CONSULTANT, "/teach 1 create-charter", null);
        assertThat(Files.readString(faq.resolve("basics/create-charter.md"))).contains("  - " + GARAGE);

        h.inConsultantsChat(CONSULTANT, "/teach 1 money-taxes", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("уже разобран");
        assertThat(Files.readString(faq.resolve("basics/money-taxes.md"))).doesNotContain(GARAGE);

        h.inConsultantsChat(CONSULTANT, "/teach 1 no-such-entry", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("уже разобран");
        h.inConsultantsChat(CONSULTANT, "/teach 7 create-steps", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("По обращению №7 учиться не на чем");
    }

    @Test
    void a_variant_that_would_pull_another_entrys_questions_is_refused_with_the_reason_and_nothing_is_written()
            throws Exception {
        escalatedAndAnswered();
        String before = Files.readString(steps);
        // with the variant in, create-charter's own question would be answered by create-steps
        afterTeaching.put("что писать в уставе", new MatchResult(Decision.ANSWER,
                List.of(new Candidate("create-steps", "Как создать ТОС", 0.9))));
        h.script("что писать в уставе", Decision.ANSWER, "create-charter");

        h.inConsultantsChat(CONSULTANT, "/teach 1 create-steps", null);

        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("Не добавила")
                .contains("«что писать в уставе» (статья «Что писать в уставе», create\\-charter)")
                .contains("/draft 1");
        assertThat(Files.readString(steps)).isEqualTo(before);
        assertThat(h.read(tx -> tx.learningCase(1)).orElseThrow().state()).isEqualTo(LearningCase.State.OPEN);
    }

    @Test
    void the_guard_asks_the_evaluation_questions_too() throws Exception {
        escalatedAndAnswered();
        afterTeaching.put("сколько стоит регистрация", new MatchResult(Decision.ANSWER,
                List.of(new Candidate("create-steps", "Как создать ТОС", 0.8))));

        h.inConsultantsChat(CONSULTANT, "/teach 1 create-steps", null);

        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("Не добавила")
                .contains("«сколько стоит регистрация» (вопрос для консультанта)");
    }

    @Test
    void a_draft_is_a_file_in_drafts_with_the_question_and_the_answer_that_the_loader_does_not_read() throws Exception {
        escalatedAndAnswered();

        h.inConsultantsChat(CONSULTANT, "/draft 1", null);

        Path draft = faq.resolve("_drafts/draft-ticket-1.md");
        assertThat(draft).exists();
        assertThat(Files.readString(draft)).contains("  - " + GARAGE).contains("Нет, только там, где живут люди.")
                .contains("sources: []");
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("draft\\-ticket\\-1");
        assertThat(new KnowledgeLoader().load(faq, Map.of()).size()).isEqualTo(3);
        assertThat(h.read(tx -> tx.learningCase(1)).orElseThrow().state()).isEqualTo(LearningCase.State.DRAFTED);
    }

    @Test
    void inbox_shows_the_weeks_open_cases_with_buttons_that_teach() throws Exception {
        h.script("про устав и налоги", Decision.SUGGEST, "create-charter", "money-taxes");
        h.says(anna, "про устав и налоги");
        h.taps(anna, h.button(chatOf(anna), "Платит ли ТОС налоги"));
        escalatedAndAnswered();

        h.inConsultantsChat(CONSULTANT, "/inbox", null);

        OutboundMessage inbox = h.lastTo(CONSULTANTS);
        assertThat(inbox.markdown()).contains("открытых случаев: 2").contains("«про устав и налоги»")
                .contains("в статью «Платит ли ТОС налоги»").contains("№1 «" + GARAGE + "»");
        assertThat(inbox.choices()).extracting(Choice::label).containsExactly("1 ➜ Платит ли ТОС налоги", "2 📝 черновик");
        h.tapsInConsultantsChat(CONSULTANT, inbox.choices().get(0).data());
        assertThat(Files.readString(faq.resolve("basics/money-taxes.md"))).contains("  - про устав и налоги");

        h.clock.advance(java.time.Duration.ofDays(8));
        h.inConsultantsChat(CONSULTANT, "/inbox", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("учиться не на чем");
    }

    @Test
    void only_consultants_may_teach() throws Exception {
        escalatedAndAnswered();
        String before = Files.readString(steps);
        Choice offered = h.button(CONSULTANTS, "📝 Черновик новой статьи");

        h.inConsultantsChat(STRANGER, "/teach 1 create-steps", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).isEqualTo(DeskTexts.defaultTexts().get("not-allowed"));
        h.inConsultantsChat(COORDINATOR, "/teach 1 create-steps", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).isEqualTo(DeskTexts.defaultTexts().get("not-allowed"));
        h.tapsInConsultantsChat(STRANGER, offered.data());
        h.says(anna, "/teach 1 create-steps");

        assertThat(Files.readString(steps)).isEqualTo(before);
        assertThat(faq.resolve("_drafts")).doesNotExist();
        assertThat(h.read(tx -> tx.learningCase(1)).orElseThrow().state()).isEqualTo(LearningCase.State.OPEN);
    }

    @Test
    void untaught_lists_what_was_taught_and_takes_it_back_leaving_the_file_as_it_was() throws Exception {
        escalatedAndAnswered();
        String before = Files.readString(steps);
        h.inConsultantsChat(CONSULTANT, "/teach 1 create-steps", null);

        h.inConsultantsChat(CONSULTANT, "/untaught", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("1: «" + GARAGE + "» ➜ create\\-steps · Ольга");

        h.inConsultantsChat(CONSULTANT, "/untaught 1", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("убран из статьи «Как создать ТОС»");
        assertThat(Files.readString(steps)).isEqualTo(before);
        assertThat(h.read(tx -> tx.learningCase(1)).orElseThrow().state()).isEqualTo(LearningCase.State.UNTAUGHT);

        h.inConsultantsChat(CONSULTANT, "/untaught 1", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("Не нашла");
    }

    @Test
    void a_forgotten_question_cannot_be_taught() throws Exception {
        escalatedAndAnswered();
        h.says(anna, "/forget");
        h.taps(anna, h.lastTo(chatOf(anna)).choices().get(0));

        h.inConsultantsChat(CONSULTANT, "/teach 1 create-steps", null);

        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("удалён по просьбе жителя");
        assertThat(Files.readString(steps)).doesNotContain("гаражном");
    }

    @Test
    void without_teaching_enabled_the_chat_hears_it_is_unavailable() {
        try (DeskHarness plain = new DeskHarness(dir.resolve("plain"))) {
            plain.script(GARAGE, Decision.ESCALATE);
            plain.says(anna, GARAGE);
            plain.inConsultantsChat(CONSULTANT, "/answer 1 Нет.", null);
            plain.inConsultantsChat(CONSULTANT, "/teach 1 create-steps", null);
            assertThat(plain.lastTo(CONSULTANTS).markdown()).contains("Обучение здесь недоступно");
        }
    }

}
