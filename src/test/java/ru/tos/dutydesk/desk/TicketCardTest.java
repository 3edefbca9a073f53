package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.channel.PlainTextRenderer;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANT;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANTS;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTING_COORDINATOR;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/** Issue 15 point 7: the card shows who did what, keeps only useful buttons, and a close says why. */
class TicketCardTest extends DeskHarnessTest {
    final Person anna = resident("1701");

    @Test
    void taking_edits_the_card_to_name_who_took_it_and_only_the_close_button_stays() {
        h.says(anna, "вопрос про забор");
        String card = h.cardIdOf(1);
        assertThat(labels(h.cardNow(1))).containsExactly("Взять", "Закрыть");

        h.tapsInConsultantsChat(CONSULTANT, "t:1");

        OutboundMessage now = h.cardNow(1);
        assertThat(now.edit().posts()).containsExactly(List.of(card));
        assertThat(seen(now)).contains("Обращение №1").contains("вопрос про забор").contains("Взял(а): Ольга");
        assertThat(labels(now)).containsExactly("Закрыть");
    }

    @Test
    void a_second_answer_leaves_the_card_as_it_is_since_telegram_refuses_an_edit_that_changes_nothing() {
        h.says(anna, "вопрос про забор");
        h.inConsultantsChat(CONSULTANT, "Забор ставить можно.", h.cardIdOf(1));
        int edits = h.cardEdits(1).size();

        h.inConsultantsChat(CONSULTANT, "И ещё: согласуйте с соседями.", h.cardIdOf(1));

        assertThat(seen(h.lastTo(chatOf(anna)))).contains("согласуйте с соседями");
        assertThat(h.cardEdits(1)).hasSize(edits);
    }

    @Test
    void an_answered_ticket_closes_without_a_reason_and_its_card_keeps_no_buttons() {
        h.says(anna, "вопрос про забор");
        h.inConsultantsChat(CONSULTANT, "Забор ставить можно.", h.cardIdOf(1));
        assertThat(seen(h.cardNow(1))).contains("Ответ жителю отправлен");

        h.tapsInConsultantsChat(CONSULTING_COORDINATOR, "c:1");

        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).isEqualTo(TicketState.CLOSED);
        OutboundMessage now = h.cardNow(1);
        assertThat(labels(now)).isEmpty();
        assertThat(seen(now)).contains("Взял(а): Ольга").contains("Закрыл(а): Лена");
        assertThat(seen(h.lastTo(chatOf(anna)))).startsWith("Обращение №1 закрыто.");
    }

    @Test
    void closing_an_unanswered_ticket_asks_for_a_reason_on_the_card_and_the_resident_hears_it() {
        h.says(anna, "вопрос про забор");
        int annaHad = h.sentTo(chatOf(anna)).size();

        h.tapsInConsultantsChat(CONSULTANT, "c:1");

        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).isEqualTo(TicketState.OPEN);
        OutboundMessage asking = h.cardNow(1);
        assertThat(seen(asking)).contains("Почему закрыть обращение №1");
        assertThat(labels(asking)).containsExactly("Уже ответили", "Не вопрос", "Повтор");
        assertThat(h.sentTo(chatOf(anna))).hasSize(annaHad);

        h.tapsInConsultantsChat(CONSULTANT, asking.choices().get(0).data());

        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).isEqualTo(TicketState.CLOSED);
        assertThat(seen(h.lastTo(chatOf(anna))))
                .startsWith("Консультант закрыл обращение №1: на вопрос уже ответили в другом месте.");
        assertThat(labels(h.cardNow(1))).isEmpty();
        assertThat(seen(h.cardNow(1))).contains("Закрыл(а): Ольга — на вопрос уже ответили в другом месте")
                .doesNotContain("Почему закрыть");
    }

    @Test
    void close_command_needs_a_reason_for_an_unanswered_ticket_and_takes_one_in_own_words() {
        h.says(anna, "вопрос про забор");
        h.inConsultantsChat(CONSULTANT, "/close 1", null);
        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).isEqualTo(TicketState.OPEN);
        assertThat(seen(h.lastTo(CONSULTANTS))).contains("нужна причина").contains("/close 1 не вопрос");

        h.inConsultantsChat(CONSULTANT, "/close 1 это реклама, не вопрос о ТОС.", null);

        assertThat(seen(h.lastTo(chatOf(anna)))).startsWith("Консультант закрыл обращение №1: это реклама, не вопрос о ТОС.");
        Ticket t = h.read(tx -> tx.ticket(1)).orElseThrow();
        assertThat(t.closedBy()).isEqualTo("Ольга");
        assertThat(t.closeReason()).isEqualTo("это реклама, не вопрос о ТОС");
    }

    @Test
    void the_offered_reasons_are_understood_in_a_consultants_own_words() {
        String[][] cases = {{"/close 1 уже ответили", "на вопрос уже ответили в другом месте"},
                {"/close 2 Не вопрос", "в сообщении нет вопроса для консультанта"},
                {"/close 3 повтор №1", "этот вопрос уже разбирается в другом обращении"}};
        for (int i = 0; i < cases.length; i++) {
            Person p = resident("170" + (i + 5));
            h.says(p, "вопрос номер " + (i + 1));
            h.inConsultantsChat(CONSULTANT, cases[i][0], null);
            assertThat(seen(h.lastTo(chatOf(p)))).as(cases[i][0]).contains(cases[i][1]);
        }
    }

    @Test
    void an_answer_is_announced_in_the_chat_exactly_once_whichever_way_it_was_given() {
        Person boris = resident("1702");
        Person vera = resident("1703");
        h.says(anna, "вопрос про забор");
        h.says(boris, "вопрос про крышу");
        h.says(vera, "вопрос про лавочку");

        h.inConsultantsChat(CONSULTANT, "Забор можно.", h.cardIdOf(1));   // a reply to the card
        h.inConsultantsChat(CONSULTANT, "/answer 2 Крышу чинит УК.", null); // the command
        h.desk.answer(3, "Лавочку ставьте.", "Ольга (терминал)");          // the `answer` command line

        for (int n = 1; n <= 3; n++) {
            String announced = "Ответ по обращению №" + n;
            assertThat(h.sentTo(CONSULTANTS)).as("ticket " + n)
                    .filteredOn(m -> m.markdown().contains(announced)).hasSize(1);
        }
        OutboundMessage fromTerminal = h.sentTo(CONSULTANTS).stream()
                .filter(m -> m.markdown().contains("Ответ по обращению №3")).findFirst().orElseThrow();
        assertThat(seen(fromTerminal)).contains("Лавочку ставьте.").contains("Ольга (терминал)");
        assertThat(fromTerminal.replyToMessageId()).as("threaded under the card").isEqualTo(h.cardIdOf(3));
    }

    @Test
    void a_withdrawn_ticket_shows_it_on_its_card_without_buttons() {
        h.says(anna, "вопрос про забор");
        h.says(anna, "/cancel");
        OutboundMessage now = h.cardNow(1);
        assertThat(labels(now)).isEmpty();
        assertThat(seen(now)).contains("Закрыл(а): житель — вопрос снят");
    }

    @Test
    void a_re_announced_card_is_edited_too_so_no_take_button_stays_live() {
        h.says(anna, "вопрос про забор");
        String first = h.cardIdOf(1);
        h.clock.advance(Duration.ofHours(2).plusMinutes(1));
        h.desk.runMaintenance();
        String again = h.cardIdOf(1);
        assertThat(again).isNotEqualTo(first);

        h.inConsultantsChat(CONSULTANT, "/take 1", null);

        assertThat(h.cardNow(1).edit().posts()).containsExactly(List.of(first), List.of(again));
        assertThat(labels(h.cardNow(1))).containsExactly("Закрыть");
    }

    @Test
    void id_answers_the_chat_and_the_sender_in_any_chat_before_access_checks_and_records_nobody() {
        h.says(anna, "/id");
        assertThat(seen(h.lastTo(chatOf(anna)))).contains("Номер этого чата: 1701").contains("Ваш номер пользователя: 1701");

        Address strangeGroup = new Address(Channel.TELEGRAM, "-100777");
        h.saysIn(strangeGroup, DeskHarness.STRANGER, "/id");
        assertThat(seen(h.lastTo(strangeGroup))).contains("-100777").contains("99").contains("telegram.consultants-chat-id");

        h.inConsultantsChat(DeskHarness.STRANGER, "/id", null);
        assertThat(seen(h.lastTo(CONSULTANTS))).contains("-100500").contains("99").doesNotContain("только консультантам");

        Person vkUser = new Person(Channel.VK, "555", "Вера");
        h.says(vkUser, "/id");
        assertThat(seen(h.lastTo(chatOf(vkUser)))).contains("peer_id этого чата: 555").contains("id пользователя VK: 555");
        assertThat(h.<java.util.Optional<Consultation>>read(tx -> tx.pendingConsultationOf(1))).isEmpty();
        assertThat(h.desk.activeTickets()).isEmpty();
    }

    private static List<String> labels(OutboundMessage m) {
        return m.choices().stream().map(Choice::label).toList();
    }

    private static String seen(OutboundMessage m) {
        return new PlainTextRenderer().render(m.markdown());
    }
}
