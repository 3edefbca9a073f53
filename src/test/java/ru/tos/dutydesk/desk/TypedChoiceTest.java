package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.tos.dutydesk.channel.PlainTextRenderer;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.MatchResult;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/**
 * Issue 15 point 2: a number typed while the desk's last message offers choices picks that choice, on any channel;
 * otherwise a message without words, or without a meaningful word, hears how to ask and counts for nothing.
 */
class TypedChoiceTest extends DeskHarnessTest {
    final Person anna = resident("2201");

    @ParameterizedTest
    @ValueSource(strings = {"2", "2.", "№2", "2)", " 2 ", "#2"})
    void a_number_after_suggestions_picks_that_suggestion(String typed) {
        h.script("про устав", Decision.SUGGEST, "create-steps", "create-charter");
        h.says(anna, "про устав");
        assertThat(h.lastTo(chatOf(anna)).choices()).hasSize(3);

        h.says(anna, typed);

        assertThat(seen(h.lastTo(chatOf(anna)))).startsWith("Устав содержит территорию и цели.");
        Consultation c = onlyConsultation();
        assertThat(c.outcome()).isEqualTo(Outcome.BOT);
        assertThat(c.topic()).isEqualTo("create-charter");
    }

    @Test
    void the_last_number_sends_the_question_to_a_consultant_when_none_fits() {
        h.script("про устав", Decision.SUGGEST, "create-steps", "create-charter");
        h.says(anna, "про устав");
        h.says(anna, "3");

        List<Ticket> open = h.desk.activeTickets();
        assertThat(open).hasSize(1);
        assertThat(open.get(0).question()).isEqualTo("про устав");
    }

    @Test
    void a_number_out_of_range_hears_the_valid_numbers_with_the_choices_again_and_a_valid_one_then_works() {
        h.script("про устав", Decision.SUGGEST, "create-steps", "create-charter");
        h.says(anna, "про устав");
        List<Choice> offered = h.lastTo(chatOf(anna)).choices();

        h.says(anna, "7");

        OutboundMessage hint = h.lastTo(chatOf(anna));
        assertThat(seen(hint)).contains("1, 2 или 3");
        assertThat(hint.choices()).isEqualTo(offered);
        assertThat(onlyConsultation().outcome()).isEqualTo(Outcome.PENDING);

        h.says(anna, "1");
        assertThat(seen(h.lastTo(chatOf(anna)))).startsWith("Соберите инициативную группу.");
    }

    @Test
    void a_number_after_an_answer_answers_helped_or_not_and_no_means_a_ticket_with_the_real_question() {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.says(anna, "как создать тос");
        List<String> offered = h.lastTo(chatOf(anna)).choices().stream().map(Choice::label).toList();
        assertThat(offered).containsSubsequence("Да", "Нет");

        // the number the resident sees beside «Нет» (the console numbers the choices from 1)
        h.says(anna, Integer.toString(offered.indexOf("Нет") + 1));

        List<Ticket> open = h.desk.activeTickets();
        assertThat(open).hasSize(1);
        assertThat(open.get(0).question()).contains("как создать тос").doesNotStartWith("2");
        assertThat(onlyConsultation().unhelpful()).isTrue();
    }

    @Test
    void a_number_when_the_last_message_offered_no_choices_hears_how_to_ask() {
        h.script("про устав", Decision.SUGGEST, "create-steps", "create-charter");
        h.says(anna, "про устав");
        h.says(anna, "привет");

        h.says(anna, "1");

        assertThat(seen(h.lastTo(chatOf(anna)))).contains("Напишите его словами");
        assertThat(onlyConsultation().outcome()).isEqualTo(Outcome.PENDING);
    }

    @Test
    void a_number_picks_only_from_the_choices_offered_in_that_chat() {
        Person boris = resident("2202");
        h.script("про устав", Decision.SUGGEST, "create-steps", "create-charter");
        h.says(anna, "про устав");

        h.says(boris, "1");

        assertThat(seen(h.lastTo(chatOf(boris)))).contains("Напишите его словами");
        assertThat(onlyConsultation().outcome()).isEqualTo(Outcome.PENDING);
    }

    @Test
    void a_message_with_no_meaningful_word_hears_how_to_ask_and_is_no_consultation() {
        h.script("ну и что", MatchResult.nothingToMatch());
        h.says(anna, "ну и что");

        assertThat(seen(h.lastTo(chatOf(anna)))).contains("Напишите его словами");
        assertThat(h.desk.activeTickets()).isEmpty();
        assertThat(consultations()).isEmpty();
    }

    private static String seen(OutboundMessage m) {
        return new PlainTextRenderer().render(m.markdown());
    }

    private List<Consultation> consultations() {
        return h.read(tx -> {
            List<Consultation> all = new ArrayList<>();
            for (long id = 1; id < 50; id++) {
                tx.consultation(id).ifPresent(all::add);
            }
            return all;
        });
    }

    private Consultation onlyConsultation() {
        List<Consultation> all = consultations();
        assertThat(all).hasSize(1);
        return all.get(0);
    }
}
