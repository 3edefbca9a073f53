package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.matching.Decision;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANTS;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/** A channel hands the desk one poll's messages at once (one store batch). */
class DeskBatchTest extends DeskHarnessTest {
    final Person anna = resident("1001");
    final Person boris = resident("1002");
    final Person vera = resident("1003");

    @Test
    void every_message_of_a_poll_is_answered_and_a_redelivered_poll_changes_nothing() {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.script("платит ли тос налоги", Decision.ANSWER, "money-taxes");
        List<InboundMessage> poll = List.of(h.message(anna, "как создать тос"), h.message(boris, "платит ли тос налоги"));

        h.desk.handleAll(poll);
        h.desk.handleAll(poll);

        assertThat(h.sentTo(chatOf(anna))).singleElement().satisfies(m -> assertThat(m.markdown()).startsWith("Соберите"));
        assertThat(h.sentTo(chatOf(boris))).singleElement().satisfies(m -> assertThat(m.markdown()).startsWith("Без юрлица"));
    }

    @Test
    void a_message_that_breaks_the_desk_goes_to_a_person_while_the_rest_of_the_poll_is_answered() {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.breakMatcherOn("странный вопрос");

        h.desk.handleAll(List.of(h.message(anna, "как создать тос"), h.message(boris, "странный вопрос"),
                h.message(vera, "как создать тос")));

        assertThat(h.sentTo(chatOf(anna))).singleElement().satisfies(m -> assertThat(m.markdown()).startsWith("Соберите"));
        assertThat(h.sentTo(chatOf(vera))).singleElement().satisfies(m -> assertThat(m.markdown()).startsWith("Соберите"));
        assertThat(h.read(DeskTransaction::activeTickets)).singleElement()
                .satisfies(t -> assertThat(t.question()).isEqualTo("странный вопрос"));
        assertThat(h.sentTo(CONSULTANTS)).anySatisfy(m -> assertThat(m.markdown()).contains("странный вопрос"));
    }
}
