package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.matching.Decision;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/**
 * An answer fits a phone: its first paragraph with «Подробнее» and «Помогло?», the rest (with the sources) on
 * request, by button or by typing «подробнее». Asking for the rest is never a consultation of its own.
 * The harness's «create-steps» has two paragraphs, «create-charter» one.
 */
class ShortAnswerTest extends DeskHarnessTest {
    final Person anna = resident("1001");

    private String seen(OutboundMessage m) {
        return DeskTest.seen(m);
    }

    private List<Consultation> consultations() {
        return h.read(tx -> LongStream.rangeClosed(1, 50).mapToObj(tx::consultation).flatMap(Optional::stream).toList());
    }

    private void asksHowToCreate() {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.says(anna, "как создать тос");
    }

    @Test
    void the_first_message_is_the_first_paragraph_and_the_button_sends_the_rest_with_the_sources() {
        asksHowToCreate();
        OutboundMessage first = h.lastTo(chatOf(anna));
        assertThat(seen(first)).isEqualTo("Соберите инициативную группу.\n\nПомог ли ответ?");
        assertThat(first.choices()).extracting(Choice::label).containsExactly("Подробнее", "Да", "Нет");

        h.taps(anna, h.button(chatOf(anna), "Подробнее"));

        OutboundMessage rest = h.lastTo(chatOf(anna));
        assertThat(seen(rest)).startsWith("Подробности.").contains("Источник: 131-ФЗ, ст. 27")
                .endsWith("Помог ли ответ?").doesNotContain("Соберите инициативную группу");
        assertThat(rest.choices()).extracting(Choice::label).containsExactly("Да", "Нет");
        assertThat(h.sentTo(chatOf(anna))).hasSize(2);
    }

    @Test
    void a_one_paragraph_answer_comes_whole_with_its_sources_and_no_more_button() {
        h.script("что писать в уставе", Decision.ANSWER, "create-charter");
        h.says(anna, "что писать в уставе");

        OutboundMessage answer = h.lastTo(chatOf(anna));
        assertThat(seen(answer)).startsWith("Устав содержит территорию и цели.").contains("Источник: 131-ФЗ, ст. 27")
                .endsWith("Помог ли ответ?");
        assertThat(answer.choices()).extracting(Choice::label).containsExactly("Да", "Нет");

        h.says(anna, "подробнее");
        assertThat(seen(h.lastTo(chatOf(anna)))).startsWith("Это был весь ответ.");
        assertThat(consultations()).hasSize(1);
    }

    @Test
    void pressing_more_twice_sends_the_rest_twice_and_counts_one_consultation() {
        asksHowToCreate();
        Choice more = h.button(chatOf(anna), "Подробнее");
        h.taps(anna, more);
        h.taps(anna, more);

        assertThat(h.sentTo(chatOf(anna))).hasSize(3).last().satisfies(m -> assertThat(seen(m)).startsWith("Подробности."));
        assertThat(consultations()).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(Outcome.BOT);
            assertThat(c.topic()).isEqualTo("create-steps");
            assertThat(c.unhelpful()).isFalse();
        });
        assertThat(h.desk.activeTickets()).isEmpty();
    }

    @Test
    void the_more_button_works_after_a_restart() {
        asksHowToCreate();
        Choice more = h.button(chatOf(anna), "Подробнее");
        h.close();

        h = new DeskHarness(dir); // a new desk over the same database: nothing carried over in memory
        // a key of its own: the new harness counts update keys from 1 again, and those are taken
        h.desk.handle(InboundMessage.choice("t:after-restart", chatOf(anna), anna, more.data(), h.clock.instant()));

        assertThat(seen(h.lastTo(chatOf(anna)))).startsWith("Подробности.").contains("Источник:");
        assertThat(consultations()).hasSize(1);
    }

    @Test
    void helpful_buttons_under_the_rest_answer_for_the_same_consultation() {
        asksHowToCreate();
        h.taps(anna, h.button(chatOf(anna), "Подробнее"));
        h.taps(anna, h.button(chatOf(anna), "Нет"));

        assertThat(consultations()).singleElement().satisfies(c -> assertThat(c.unhelpful()).isTrue());
        assertThat(h.desk.activeTickets()).hasSize(1);
    }

    @Test
    void typing_more_right_after_an_answer_sends_the_rest_and_is_no_consultation() {
        asksHowToCreate();
        h.clock.advance(Duration.ofMinutes(5));
        h.says(anna, "Подробнее, пожалуйста!");

        assertThat(seen(h.lastTo(chatOf(anna)))).startsWith("Подробности.").contains("Источник: 131-ФЗ, ст. 27");
        assertThat(consultations()).hasSize(1);
        assertThat(h.desk.activeTickets()).isEmpty();
    }

    @Test
    void typing_more_long_after_or_without_an_answer_asks_for_the_question_and_opens_nothing() {
        h.says(anna, "подробнее");
        assertThat(seen(h.lastTo(chatOf(anna)))).startsWith("О чём рассказать подробнее?");
        assertThat(consultations()).isEmpty();

        asksHowToCreate();
        h.clock.advance(Duration.ofHours(2));
        h.says(anna, "подробнее");
        assertThat(seen(h.lastTo(chatOf(anna)))).startsWith("О чём рассказать подробнее?");
        assertThat(consultations()).hasSize(1);
        assertThat(h.desk.activeTickets()).isEmpty();
    }

    @Test
    void a_more_button_naming_another_entry_than_its_consultation_is_refused() {
        asksHowToCreate();
        long consultation = consultations().get(0).id();
        h.taps(anna, ChoiceData.of("Подробнее", ChoiceData.Kind.MORE, consultation, "money-taxes"));
        assertThat(seen(h.lastTo(chatOf(anna)))).isEqualTo(DeskTexts.defaultTexts().get("stale-choice"));
    }

    @Test
    void the_words_that_ask_for_more() {
        assertThat(List.of("подробнее", "Подробнее!", "подробней", "расскажите подробнее", "а подробнее?",
                "Подробнее, пожалуйста")).allMatch(MoreRequest::says);
        assertThat(List.of("подробнее про устав", "как создать тос подробнее", "не надо подробнее"))
                .noneMatch(MoreRequest::says);
    }
}
