package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.channel.PlainTextRenderer;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.Candidate;
import ru.tos.dutydesk.matching.MatchResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANT;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANTS;
import static ru.tos.dutydesk.desk.DeskHarness.STRANGER;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

class DeskTest extends DeskHarnessTest {
    final Person anna = resident("1001");

    @Test
    void a_confident_match_is_answered_with_its_first_paragraph_and_a_helpful_question() {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.says(anna, "как создать тос");

        OutboundMessage reply = h.lastTo(chatOf(anna));
        assertThat(seen(reply)).startsWith("Соберите инициативную группу.").contains("Помог ли ответ?");
        assertThat(reply.choices()).extracting(Choice::label).containsExactly("Подробнее", "Да", "Нет");
        Consultation c = onlyConsultation();
        assertThat(c.outcome()).isEqualTo(Outcome.BOT);
        assertThat(c.topic()).isEqualTo("create-steps");
        assertThat(h.sentTo(CONSULTANTS)).isEmpty();
    }

    @Test
    void suggestions_are_offered_as_choices_and_a_tap_answers_within_the_same_consultation() {
        h.script("про устав и налоги", Decision.SUGGEST, "create-charter", "money-taxes");
        h.says(anna, "про устав и налоги");

        OutboundMessage offer = h.lastTo(chatOf(anna));
        assertThat(offer.choices()).extracting(Choice::label)
                .containsExactly("Что писать в уставе", "Платит ли ТОС налоги", "Ничего не подходит — к консультанту");
        h.taps(anna, offer.choices().get(1));

        assertThat(h.lastTo(chatOf(anna)).markdown()).startsWith("Без юрлица — нет.");
        assertThat(onlyConsultation().topic()).isEqualTo("money-taxes");
        assertThat(onlyConsultation().outcome()).isEqualTo(Outcome.BOT);
    }

    @Test
    void asking_for_a_person_right_after_an_answer_puts_the_question_on_the_card_in_the_same_consultation() {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.says(anna, "как создать тос");

        h.says(anna, "позовите человека");

        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("Обращение №1").contains("как создать тос");
        Consultation c = onlyConsultation();
        assertThat(c.unhelpful()).isTrue();
    }

    @Test
    void asking_for_a_person_while_choices_wait_puts_the_question_on_the_card() {
        h.script("про устав и налоги", Decision.SUGGEST, "create-charter", "money-taxes");
        h.says(anna, "про устав и налоги");

        h.says(anna, "позовите человека");

        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("Обращение №1").contains("про устав и налоги");
        assertThat(onlyConsultation().outcome()).isEqualTo(Outcome.PENDING);
    }

    @Test
    void none_fits_escalates_the_question() {
        h.script("про устав и налоги", Decision.SUGGEST, "create-charter", "money-taxes");
        h.says(anna, "про устав и налоги");
        List<Choice> choices = h.lastTo(chatOf(anna)).choices();
        h.taps(anna, choices.get(choices.size() - 1));

        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("Обращение №1").contains("про устав и налоги");
        assertThat(h.lastTo(chatOf(anna)).markdown()).contains("обращение №1").doesNotContain("не о ТОС");
    }

    @Test
    void answering_no_to_helpful_marks_the_answer_unhelpful_and_escalates() {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.says(anna, "как создать тос");
        h.taps(anna, h.button(chatOf(anna), "Нет"));

        Consultation c = onlyConsultation();
        assertThat(c.unhelpful()).isTrue();
        assertThat(c.outcome()).isEqualTo(Outcome.PENDING);
        OutboundMessage card = h.lastTo(CONSULTANTS);
        assertThat(card.cardOfTicket()).isEqualTo(1L);
        assertThat(card.markdown()).contains("как создать тос").contains("create\\-steps");
        assertThat(h.lastTo(chatOf(anna)).markdown()).contains("обращение №1").doesNotContain("не о ТОС");
    }

    @Test
    void an_unknown_question_opens_a_ticket_with_a_card_and_the_resident_hears_when_to_expect_an_answer() {
        h.script("сосед сверлит по ночам", Decision.ESCALATE);
        h.says(anna, "сосед сверлит по ночам");

        OutboundMessage card = h.lastTo(CONSULTANTS);
        assertThat(card.markdown()).contains("Обращение №1").contains("Telegram").contains("Житель 1001").contains("сосед сверлит по ночам");
        assertThat(card.choices()).extracting(Choice::label).containsExactly("Взять", "Закрыть");
        assertThat(h.lastTo(chatOf(anna)).markdown()).contains("обращение №1").contains("в течение 4 часов");
        assertThat(h.desk.activeTickets()).singleElement().extracting(Ticket::state).isEqualTo(TicketState.OPEN);
    }

    @Test
    void a_question_closest_to_an_off_topic_area_reaches_a_consultant_with_the_area_on_the_card() {
        h.script("устав снт где взять", new MatchResult(Decision.ESCALATE, List.of(
                new Candidate("garden", "СНТ и садоводство", 0.8, true),
                new Candidate("create-charter", "Что писать в уставе", 0.5))));
        h.says(anna, "устав снт где взять");

        assertThat(h.lastTo(CONSULTANTS).markdown())
                .contains("СНТ и садоводство (не о ТОС: garden, 0.80); Что писать в уставе (create\\-charter, 0.50)");
        assertThat(h.lastTo(chatOf(anna)).markdown())
                .startsWith("Похоже, это вопрос не о ТОС (СНТ и садоводство), и готового ответа у меня нет.")
                .contains("обращение №1").contains("в течение 4 часов");
    }

    @Test
    void outside_working_hours_the_resident_hears_when_consultants_are_back() {
        h.clock.set(Instant.parse("2026-11-28T10:00:00Z")); // Saturday
        h.says(anna, "сосед сверлит по ночам");

        assertThat(h.lastTo(chatOf(anna)).markdown()).contains("нерабочее время").contains("30 ноября, 09:00");
    }

    @Test
    void asking_for_a_person_opens_a_ticket_at_once_while_greetings_and_thanks_do_not() {
        h.says(anna, "здравствуйте");
        h.says(anna, "спасибо");
        assertThat(h.desk.activeTickets()).isEmpty();
        assertThat(h.sentTo(chatOf(anna))).extracting(OutboundMessage::markdown)
                .anySatisfy(t -> assertThat(t).startsWith("Здравствуйте!"))
                .anySatisfy(t -> assertThat(t).startsWith("Пожалуйста!"));

        h.says(anna, "позовите человека");
        assertThat(h.desk.activeTickets()).hasSize(1);
        assertThat(h.lastTo(CONSULTANTS).cardOfTicket()).isEqualTo(1L);
    }

    @Test
    void follow_ups_join_the_open_ticket_and_reach_its_card() {
        h.says(anna, "вопрос про забор");
        String card = h.cardIdOf(1);
        h.says(anna, "забыла сказать: забор общий");

        OutboundMessage followUp = h.lastTo(CONSULTANTS);
        assertThat(followUp.replyToMessageId()).isEqualTo(card);
        assertThat(seen(followUp)).contains("забыла сказать: забор общий");
        assertThat(h.lastTo(chatOf(anna)).markdown()).contains("Добавила это к обращению №1");
        assertThat(h.desk.activeTickets()).hasSize(1);
        assertThat(consultations()).hasSize(1);
    }

    @Test
    void a_consultants_reply_to_the_card_reaches_the_resident_and_settles_the_consultation() {
        h.says(anna, "вопрос про забор");
        h.inConsultantsChat(CONSULTANT, "Забор — забота собственников, <b>не</b> ТОС & Co.", h.cardIdOf(1));

        List<OutboundMessage> toAnna = h.sentTo(chatOf(anna));
        assertThat(toAnna).extracting(DeskTest::seen)
                .anySatisfy(t -> assertThat(t).contains("Ответ консультанта").contains("Забор — забота собственников, <b>не</b> ТОС & Co."));
        assertThat(h.lastTo(chatOf(anna)).markdown()).contains("из какого вы муниципального района");
        Ticket t = h.read(tx -> tx.ticket(1)).orElseThrow();
        assertThat(t.state()).isEqualTo(TicketState.ANSWERED);
        assertThat(t.firstResponseAt()).isNotNull();
        assertThat(onlyConsultation().outcome()).isEqualTo(Outcome.CONSULTANT);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("Ответ по обращению №1 отправлен");
    }

    @Test
    void consultants_commands_queue_take_answer_close() {
        h.says(anna, "вопрос про забор");
        h.inConsultantsChat(CONSULTANT, "/queue", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("№1").contains("ждёт").contains("вопрос про забор");

        h.inConsultantsChat(CONSULTANT, "/take 1", null);
        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).isEqualTo(TicketState.TAKEN);
        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().takenBy()).isEqualTo("Ольга");

        h.inConsultantsChat(CONSULTANT, "/answer 1 Посмотрите Положение о ТОС", null);
        assertThat(h.lastTo(chatOf(anna)).markdown()).isNotBlank();
        assertThat(h.sentTo(chatOf(anna))).extracting(OutboundMessage::markdown)
                .anySatisfy(t -> assertThat(t).contains("Посмотрите Положение о ТОС"));

        h.inConsultantsChat(CONSULTANT, "/close 1", null);
        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).isEqualTo(TicketState.CLOSED);
        assertThat(h.lastTo(chatOf(anna)).markdown()).contains("Обращение №1 закрыто");
    }

    @Test
    void take_and_close_buttons_work_for_consultants() {
        h.says(anna, "вопрос про забор");
        h.tapsInConsultantsChat(CONSULTANT, "t:1");
        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).isEqualTo(TicketState.TAKEN);
        h.tapsInConsultantsChat(CONSULTANT, "c:1");
        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).as("unanswered: a reason first").isEqualTo(TicketState.TAKEN);
        h.tapsInConsultantsChat(CONSULTANT, "c:1:duplicate");
        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).isEqualTo(TicketState.CLOSED);
        assertThat(onlyConsultation().outcome()).isEqualTo(Outcome.UNANSWERED);
    }

    @Test
    void someone_who_is_not_a_consultant_cannot_take_answer_or_close() {
        h.says(anna, "вопрос про забор");
        String card = h.cardIdOf(1);
        h.inConsultantsChat(STRANGER, "/take 1", null);
        h.tapsInConsultantsChat(STRANGER, "c:1");
        h.inConsultantsChat(STRANGER, "я отвечу сам", card);

        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).isEqualTo(TicketState.OPEN);
        assertThat(h.lastTo(CONSULTANTS).markdown()).isEqualTo("Эта команда доступна только консультантам.");
        assertThat(h.sentTo(chatOf(anna))).extracting(OutboundMessage::markdown).noneMatch(t -> t.contains("я отвечу сам"));
    }

    @Test
    void a_resident_cannot_use_consultant_buttons_or_another_persons_choices() {
        Person boris = resident("1002");
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.says(anna, "как создать тос");
        Choice annasNo = h.button(chatOf(anna), "Нет");
        h.says(boris, "вопрос про забор");

        h.taps(boris, annasNo);             // forged: Anna's consultation
        h.taps(boris, new Choice("x", "c:1")); // a consultant's button
        h.taps(boris, new Choice("x", "zz:'; DROP TABLE users;--"));

        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).isEqualTo(TicketState.OPEN);
        assertThat(consultations()).filteredOn(c -> c.topic() != null).singleElement()
                .satisfies(c -> assertThat(c.unhelpful()).isFalse());
        assertThat(h.sentTo(chatOf(boris))).extracting(OutboundMessage::markdown)
                .contains("Эта кнопка уже не действует. Напишите вопрос заново, пожалуйста.", "Эта команда доступна только консультантам.");
    }

    @Test
    void a_closed_ticket_cannot_be_answered_again() {
        h.says(anna, "вопрос про забор");
        h.inConsultantsChat(CONSULTANT, "/close 1 повтор", null);
        int before = h.sentTo(chatOf(anna)).size();
        h.inConsultantsChat(CONSULTANT, "/answer 1 поздний ответ", null);

        assertThat(h.lastTo(CONSULTANTS).markdown()).isEqualTo("Обращение №1 уже закрыто.");
        assertThat(h.sentTo(chatOf(anna))).hasSize(before);
        assertThat(h.desk.answer(1, "ещё", "cli").done()).isFalse();
    }

    @Test
    void thanks_after_an_answer_closes_the_ticket() {
        h.says(anna, "вопрос про забор");
        h.desk.answer(1, "Ответ", "Ольга");
        h.says(anna, "спасибо!");

        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).isEqualTo(TicketState.CLOSED);
        assertThat(onlyConsultation().outcome()).isEqualTo(Outcome.CONSULTANT);
        assertThat(h.lastTo(chatOf(anna)).markdown()).contains("Обращение №1 закрыто");
    }

    @Test
    void a_redelivered_update_is_handled_once() {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        InboundMessage m = h.says(anna, "как создать тос");
        h.desk.handle(m);
        h.desk.handle(m);

        assertThat(h.sentTo(chatOf(anna))).hasSize(1);
        assertThat(consultations()).hasSize(1);
    }

    @Test
    void weird_messages_get_a_polite_reply_and_nothing_breaks() {
        h.says(anna, "😀😀🙏");
        assertThat(h.lastTo(chatOf(anna)).markdown()).startsWith("Не разобрала вопрос");

        h.desk.handle(InboundMessage.text("photo", chatOf(anna), anna, null, h.clock.instant()).withAttachment());
        assertThat(h.lastTo(chatOf(anna)).markdown()).startsWith("Я понимаю только текст");

        h.says(anna, "\u0000\u0007\u202e\u200b");
        assertThat(h.lastTo(chatOf(anna)).markdown()).startsWith("Не разобрала вопрос");

        String huge = "забор ".repeat(20_000);
        h.says(anna, huge);
        assertThat(h.sentTo(chatOf(anna))).extracting(OutboundMessage::markdown)
                .anySatisfy(t -> assertThat(t).startsWith("Сообщение очень длинное"));
        Ticket t = h.desk.activeTickets().get(0);
        assertThat(t.question().length()).isLessThanOrEqualTo(TextSanitizer.MAX_LENGTH);

        h.says(anna, "<script>alert(1)</script> **жирный** [ссылка](javascript:alert(1))");
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("\\<script\\>").doesNotContain("](javascript");
    }

    @Test
    void an_unanswered_ticket_is_announced_again_after_the_delay_and_an_answered_quiet_one_closes() {
        h.says(anna, "вопрос про забор");
        h.deliver();
        h.clock.advance(Duration.ofMinutes(119));
        h.desk.runMaintenance();
        assertThat(h.deliver()).isEmpty();

        h.clock.advance(Duration.ofMinutes(2));
        h.desk.runMaintenance();
        OutboundMessage again = h.lastTo(CONSULTANTS);
        assertThat(again.markdown()).contains("ждёт ответа");
        assertThat(again.cardOfTicket()).isEqualTo(1L);

        h.desk.answer(1, "Ответ", "Ольга");
        h.clock.advance(Duration.ofDays(3));
        h.desk.runMaintenance();
        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).isEqualTo(TicketState.CLOSED);
        assertThat(onlyConsultation().outcome()).isEqualTo(Outcome.CONSULTANT);
    }

    @Test
    void the_profile_is_asked_after_the_first_helpful_answer_and_stored() {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.says(anna, "как создать тос");
        assertThat(h.lastTo(chatOf(anna)).markdown()).doesNotContain("муниципального района");
        h.taps(anna, h.button(chatOf(anna), "Да"));

        OutboundMessage district = h.lastTo(chatOf(anna));
        assertThat(district.choices()).extracting(Choice::label).containsExactly("Первый район", "Второй район", "другой", "Пропустить");
        h.taps(anna, district.choices().get(1));
        OutboundMessage role = h.lastTo(chatOf(anna));
        assertThat(role.choices()).extracting(Choice::label).contains("активист ТОС", "житель", "Пропустить");
        h.taps(anna, role.choices().get(0));

        UserRecord u = h.read(tx -> tx.upsertUser(anna, h.clock.instant()));
        assertThat(u.district()).isEqualTo("Второй район");
        assertThat(u.role()).isEqualTo("активист ТОС");
        assertThat(u.profileStage()).isEqualTo(ProfileStage.DONE);

        h.taps(anna, district.choices().get(0)); // an old profile button does nothing now
        assertThat(h.read(tx -> tx.upsertUser(anna, h.clock.instant())).district()).isEqualTo("Второй район");
    }

    @Test
    void forget_after_confirmation_erases_identity_and_keeps_the_count() {
        h.says(anna, "вопрос про забор");
        h.says(anna, "/forget");
        OutboundMessage confirm = h.lastTo(chatOf(anna));
        h.taps(anna, confirm.choices().get(0));

        assertThat(h.lastTo(chatOf(anna)).markdown()).startsWith("Готово");
        assertThat(consultations()).hasSize(1);
        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).isEqualTo(TicketState.CLOSED);
        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().question()).satisfiesAnyOf(
                q -> assertThat(q).isNull(), q -> assertThat(q).doesNotContain("забор"));
    }

    /** The text as a person reads it on a plain-text platform. */
    static String seen(OutboundMessage m) {
        return new PlainTextRenderer().render(m.markdown());
    }

    private List<Consultation> consultations() {
        return h.read(tx -> {
            java.util.ArrayList<Consultation> all = new java.util.ArrayList<>();
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
