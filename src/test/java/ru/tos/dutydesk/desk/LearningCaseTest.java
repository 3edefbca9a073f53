package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.matching.Decision;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANT;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANTS;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/** The running desk keeps the evidence it can learn from (issue 18 point 1). */
class LearningCaseTest extends DeskHarnessTest {
    final Person anna = resident("1001");

    @Test
    void a_residents_choice_among_suggestions_is_a_case_for_the_chosen_entry() {
        h.script("про устав и налоги", Decision.SUGGEST, "create-charter", "money-taxes");
        h.says(anna, "про устав и налоги");
        h.taps(anna, h.button(chatOf(anna), "Платит ли ТОС налоги"));

        LearningCase c = onlyCase();
        assertThat(c.kind()).isEqualTo(LearningCase.Kind.CHOSEN);
        assertThat(c.question()).isEqualTo("про устав и налоги");
        assertThat(c.chosenEntry()).isEqualTo("money-taxes");
        assertThat(c.state()).isEqualTo(LearningCase.State.OPEN);
    }

    @Test
    void an_answer_marked_no_and_the_consultants_answer_that_followed_are_one_case() {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.says(anna, "как создать тос");
        h.taps(anna, h.button(chatOf(anna), "Нет"));
        assertThat(cases()).isEmpty(); // nothing to learn until a person answered

        h.inConsultantsChat(CONSULTANT, "/answer 1 Начните с инициативной группы и собрания.", null);

        LearningCase c = onlyCase();
        assertThat(c.kind()).isEqualTo(LearningCase.Kind.UNHELPFUL);
        assertThat(c.question()).isEqualTo("как создать тос");
        assertThat(c.shownEntry()).isEqualTo("create-steps");
        assertThat(c.answer()).isEqualTo("Начните с инициативной группы и собрания.");
        assertThat(c.ticketNumber()).isEqualTo(1L);
    }

    @Test
    void an_escalated_question_and_the_consultants_answers_are_a_case_and_the_chat_is_offered_to_teach_it() {
        h.script("можно ли тос в гаражном кооперативе", Decision.ESCALATE);
        h.says(anna, "можно ли тос в гаражном кооперативе");
        String card = h.cardIdOf(1);
        h.inConsultantsChat(CONSULTANT, "Нет, только там, где живут люди.", card);
        h.inConsultantsChat(CONSULTANT, "/answer 1 И ещё: спросите в администрации.", null);

        LearningCase c = onlyCase();
        assertThat(c.kind()).isEqualTo(LearningCase.Kind.ESCALATED);
        assertThat(c.question()).isEqualTo("можно ли тос в гаражном кооперативе");
        assertThat(c.answer()).isEqualTo("Нет, только там, где живут люди.\n\nИ ещё: спросите в администрации.");
        List<OutboundMessage> offers = h.sentTo(CONSULTANTS).stream()
                .filter(m -> m.markdown().contains("научить дежурную")).toList();
        assertThat(offers).hasSize(1); // the second answer joins the case without a second offer
        assertThat(offers.get(0).markdown()).contains("/teach 1").contains("/draft 1");
        assertThat(offers.get(0).replyToMessageId()).isEqualTo(card);
        assertThat(offers.get(0).choices()).extracting(Choice::label).contains("📝 Черновик новой статьи");
    }

    @Test
    void asking_for_a_person_teaches_nothing() {
        h.says(anna, "позовите человека");
        h.inConsultantsChat(CONSULTANT, "/answer 1 Слушаю вас.", null);

        assertThat(cases()).isEmpty();
    }

    @Test
    void forget_takes_the_question_and_answer_of_a_case_and_keeps_its_ids() {
        h.script("про устав и налоги", Decision.SUGGEST, "create-charter", "money-taxes");
        h.says(anna, "про устав и налоги");
        h.taps(anna, h.button(chatOf(anna), "Что писать в уставе"));
        h.script("можно ли тос в гаражном кооперативе", Decision.ESCALATE);
        h.says(anna, "можно ли тос в гаражном кооперативе");
        h.inConsultantsChat(CONSULTANT, "/answer 1 Нет, только там, где живут люди.", null);
        assertThat(cases()).hasSize(2);

        h.says(anna, "/forget");
        h.taps(anna, h.lastTo(chatOf(anna)).choices().get(0));

        List<LearningCase> left = cases();
        assertThat(left).hasSize(2);
        assertThat(left).allSatisfy(c -> {
            assertThat(c.question()).isNull();
            assertThat(c.answer()).isNull();
        });
        assertThat(left).extracting(LearningCase::chosenEntry).contains("create-charter");
        assertThat(left).extracting(LearningCase::ticketNumber).contains(1L);
    }

    private List<LearningCase> cases() {
        return h.read(tx -> tx.openLearningCases(Instant.EPOCH));
    }

    private LearningCase onlyCase() {
        List<LearningCase> all = cases();
        assertThat(all).hasSize(1);
        return all.get(0);
    }
}
