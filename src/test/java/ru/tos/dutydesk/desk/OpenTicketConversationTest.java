package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.matching.Decision;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANTS;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/** Issue 15 points 1, 2 and 10: the desk keeps answering while a ticket waits, can be withdrawn, ignores digits. */
class OpenTicketConversationTest extends DeskHarnessTest {
    final Person anna = resident("1501");

    @Test
    void an_answerable_question_is_answered_while_a_ticket_waits_and_the_ticket_stays_open() {
        h.says(anna, "вопрос про забор");
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.says(anna, "как создать тос");

        assertThat(seen(h.lastTo(chatOf(anna)))).startsWith("Соберите инициативную группу.");
        Ticket t = h.read(tx -> tx.ticket(1)).orElseThrow();
        assertThat(t.state()).isEqualTo(TicketState.OPEN);
        assertThat(consultations()).extracting(Consultation::outcome)
                .containsExactlyInAnyOrder(Outcome.PENDING, Outcome.BOT);
    }

    @Test
    void what_the_desk_cannot_answer_still_joins_the_open_ticket() {
        h.says(anna, "вопрос про забор");
        h.says(anna, "забор общий");
        assertThat(h.lastTo(chatOf(anna)).markdown()).contains("Добавила это к обращению №1");
    }

    @Test
    void cancel_withdraws_the_ticket_and_the_consultants_hear_it() {
        h.says(anna, "вопрос про забор");
        h.says(anna, "/cancel");

        Ticket t = h.read(tx -> tx.ticket(1)).orElseThrow();
        assertThat(t.state()).isEqualTo(TicketState.CLOSED);
        assertThat(onlyConsultation().outcome()).isEqualTo(Outcome.WITHDRAWN);
        assertThat(seen(h.lastTo(CONSULTANTS))).contains("№1").contains("отозвал");
        assertThat(seen(h.lastTo(chatOf(anna)))).contains("№1").contains("снят");
    }

    @Test
    void the_report_counts_a_withdrawn_question_apart_from_unanswered_ones() {
        h.says(anna, "вопрос про забор");
        h.says(anna, "/cancel");
        java.time.LocalDate today = java.time.LocalDate.ofInstant(h.clock.instant(), DeskHarness.MOSCOW);
        ru.tos.dutydesk.report.Report r = new ru.tos.dutydesk.report.ReportBuilder(h.store.reportSource(),
                DeskHarness.TARGETS, "ТОС", ru.tos.dutydesk.report.TopicTitles.unknown())
                .build(new ru.tos.dutydesk.report.ReportPeriod(today, today, DeskHarness.MOSCOW), h.clock.instant());
        assertThat(r.byOutcome()).containsEntry(ru.tos.dutydesk.report.Report.WITHDRAWN, 1L)
                .containsEntry(ru.tos.dutydesk.report.Report.UNANSWERED, 0L);
    }

    @Test
    void saying_the_question_is_no_longer_needed_withdraws_it() {
        for (String phrase : new String[]{"Вопрос снят", "уже не надо", "Спасибо, не надо!"}) {
            Person p = resident("15" + phrase.length());
            h.says(p, "вопрос про забор " + phrase.length());
            h.says(p, phrase);
            assertThat(h.desk.activeTickets()).as(phrase).noneMatch(t -> t.residentChat().equals(chatOf(p)));
        }
    }

    @Test
    void the_passed_on_message_has_a_withdraw_button() {
        h.says(anna, "вопрос про забор");
        OutboundMessage passed = h.lastTo(chatOf(anna));
        assertThat(passed.choices()).extracting(Choice::label).containsExactly("Вопрос снят");
        h.taps(anna, passed.choices().get(0));
        assertThat(h.read(tx -> tx.ticket(1)).orElseThrow().state()).isEqualTo(TicketState.CLOSED);
    }

    @Test
    void help_says_how_to_withdraw() {
        h.says(anna, "/help");
        assertThat(seen(h.lastTo(chatOf(anna)))).contains("/cancel");
    }

    @Test
    void a_bare_number_is_not_a_question_and_opens_nothing() {
        for (String junk : new String[]{"5", "2", "???", "123!"}) {
            h.says(anna, junk);
            assertThat(seen(h.lastTo(chatOf(anna)))).as(junk).contains("Напишите его словами");
        }
        assertThat(h.desk.activeTickets()).isEmpty();
        assertThat(consultations()).isEmpty();
    }

    @Test
    void the_greeting_says_what_is_kept_and_how_to_erase_it() {
        h.says(anna, "/start");
        // one line says what is kept, for what, and how to erase it
        String kept = seen(h.lastTo(chatOf(anna))).lines().filter(l -> l.contains("храню")).findFirst().orElseThrow();
        assertThat(kept).contains("имя", "сообщения", "район", "роль", "отвечать", "консультации для отчёта", "/forget");
    }

    private static String seen(OutboundMessage m) {
        return new ru.tos.dutydesk.channel.PlainTextRenderer().render(m.markdown());
    }

    private java.util.List<Consultation> consultations() {
        return h.read(tx -> {
            java.util.ArrayList<Consultation> all = new java.util.ArrayList<>();
            for (long id = 1; id < 50; id++) {
                tx.consultation(id).ifPresent(all::add);
            }
            return all;
        });
    }

    private Consultation onlyConsultation() {
        java.util.List<Consultation> all = consultations();
        assertThat(all).hasSize(1);
        return all.get(0);
    }
}
