package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.testing.LogCapture;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANT;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANTS;
import static ru.tos.dutydesk.desk.DeskHarness.STRANGER;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/**
 * Who may do what. Every refused attempt must leave tickets and consultations as they were, tell the person, and
 * leave exactly one "refused" line in the log (without the forged data or the message text).
 */
class AccessTest extends DeskHarnessTest {
    private static final String NOT_ALLOWED = "Эта команда доступна только консультантам.";
    private static final String STALE = "Эта кнопка уже не действует. Напишите вопрос заново, пожалуйста.";

    LogCapture log;
    final Person anna = resident("1001");
    final Person boris = resident("1002");

    @BeforeEach
    void captureLog() {
        log = LogCapture.start();
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    /** Runs the action and returns the one refusal line it logged (failing if it logged none or several). */
    private String refusedOnce(Runnable action) {
        int before = log.refusals().size();
        action.run();
        List<String> lines = log.refusals();
        assertThat(lines.subList(before, lines.size())).as("refusal lines logged by this action").hasSize(1);
        return lines.get(lines.size() - 1);
    }

    private Ticket ticket(long n) {
        return h.read(tx -> tx.ticket(n)).orElseThrow();
    }

    @Test
    void a_resident_in_a_private_chat_cannot_take_answer_close_or_list_tickets() {
        h.says(anna, "вопрос про забор");
        int annaHad = h.sentTo(chatOf(anna)).size();
        int consultantsHad = h.sentTo(CONSULTANTS).size();

        for (String command : List.of("/take 1", "/answer 1 ваш забор снесут", "/close 1", "/queue", "/faq 1")) {
            String line = refusedOnce(() -> h.says(boris, command));
            assertThat(h.lastTo(chatOf(boris)).markdown()).as(command).isEqualTo(NOT_ALLOWED);
            assertThat(line).contains(command.split(" ")[0]).doesNotContain("снесут");
        }
        for (String command : List.of("/stats", "/export месяц")) {
            refusedOnce(() -> h.says(boris, command));
            assertThat(h.lastTo(chatOf(boris)).markdown()).as(command).contains("только координаторам");
        }

        Ticket t = ticket(1);
        assertThat(t.state()).isEqualTo(TicketState.OPEN);
        assertThat(t.takenBy()).isNull();
        assertThat(h.sentTo(chatOf(anna))).hasSize(annaHad);
        assertThat(h.sentTo(CONSULTANTS)).hasSize(consultantsHad);
        // Boris saw nothing of Anna's ticket
        assertThat(h.sentTo(chatOf(boris))).extracting(OutboundMessage::markdown).noneMatch(m -> m.contains("забор"));
    }

    @Test
    void a_resident_cannot_press_consultant_buttons_even_with_forged_data() {
        h.says(anna, "вопрос про забор");
        for (String data : List.of("t:1", "c:1", "t:999999999999999999")) {
            refusedOnce(() -> h.taps(boris, new Choice("x", data)));
            assertThat(h.lastTo(chatOf(boris)).markdown()).isEqualTo(NOT_ALLOWED);
        }
        assertThat(ticket(1).state()).isEqualTo(TicketState.OPEN);
        assertThat(ticket(1).takenBy()).isNull();
    }

    @Test
    void a_resident_cannot_press_another_residents_choice_buttons() {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.script("про устав и налоги", Decision.SUGGEST, "create-charter", "money-taxes");
        h.says(anna, "как создать тос");
        List<Choice> helpful = h.lastTo(chatOf(anna)).choices();
        h.says(anna, "про устав и налоги");
        List<Choice> suggestions = h.lastTo(chatOf(anna)).choices();
        h.says(boris, "привет");

        for (Choice c : List.of(helpful.get(0), helpful.get(1), helpful.get(2), suggestions.get(0), suggestions.get(2))) {
            String line = refusedOnce(() -> h.desk.handle(InboundMessage.choice("t:forged-" + c.data(), chatOf(boris), boris,
                    c.data(), h.clock.instant())));
            assertThat(h.lastTo(chatOf(boris)).markdown()).isEqualTo(STALE);
            assertThat(line).contains("not theirs");
        }

        Consultation answered = h.read(tx -> tx.consultation(1)).orElseThrow();
        Consultation suggested = h.read(tx -> tx.consultation(2)).orElseThrow();
        assertThat(answered.unhelpful()).isFalse();
        assertThat(answered.outcome()).isEqualTo(Outcome.BOT);
        assertThat(suggested.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(h.desk.activeTickets()).isEmpty();
        assertThat(h.sentTo(chatOf(boris))).extracting(OutboundMessage::markdown)
                .noneMatch(m -> m.contains("Соберите инициативную группу") || m.contains("Устав содержит"));
    }

    @Test
    void forged_and_over_long_callback_data_is_refused_without_being_logged() {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.says(anna, "как создать тос");
        List<String> forged = List.of("zz:'; DROP TABLE users;--", "a:1:" + "x".repeat(500), "h:1:maybe", "h:1:y\nINJECTED",
                "d:99", "r:-1", "f:7", "a:1:no-such-entry", "", "h:99999999999999999999:y", "\u0000h:1:n", "h:1:n\u202e");
        for (String data : forged) {
            String line = refusedOnce(() -> h.desk.handle(InboundMessage.choice("t:f" + data.hashCode(), chatOf(anna), anna,
                    data, h.clock.instant())));
            assertThat(h.lastTo(chatOf(anna)).markdown()).as(data).isEqualTo(STALE);
            assertThat(line).doesNotContain("DROP").doesNotContain("INJECTED").doesNotContain("xxxx");
        }
        Consultation c = h.read(tx -> tx.consultation(1)).orElseThrow();
        assertThat(c.outcome()).isEqualTo(Outcome.BOT);
        assertThat(c.unhelpful()).isFalse();
        assertThat(h.desk.activeTickets()).isEmpty();
        assertThat(h.read(tx -> tx.user(1)).orElseThrow().profileStage()).isEqualTo(ProfileStage.NOT_ASKED);
    }

    @Test
    void someone_in_the_consultants_chat_who_is_not_a_consultant_is_refused_and_logged() {
        h.says(anna, "вопрос про забор");
        String card = h.cardIdOf(1);
        for (String command : List.of("/take 1", "/answer 1 не ждите", "/close 1", "/queue", "/exclude 1 проба", "/include 1")) {
            refusedOnce(() -> h.inConsultantsChat(STRANGER, command, null));
            assertThat(h.lastTo(CONSULTANTS).markdown()).isEqualTo(NOT_ALLOWED);
        }
        refusedOnce(() -> h.tapsInConsultantsChat(STRANGER, "t:1"));
        refusedOnce(() -> h.tapsInConsultantsChat(STRANGER, "c:1"));
        refusedOnce(() -> h.inConsultantsChat(STRANGER, "я отвечу сам", card));
        // a consultant's button with data that is no button of ours is refused too
        refusedOnce(() -> h.tapsInConsultantsChat(CONSULTANT, "t:1:'; DROP TABLE tickets;--"));
        refusedOnce(() -> h.tapsInConsultantsChat(CONSULTANT, "a:1:create-steps"));

        assertThat(ticket(1).state()).isEqualTo(TicketState.OPEN);
        assertThat(h.sentTo(chatOf(anna))).extracting(OutboundMessage::markdown)
                .noneMatch(m -> m.contains("не ждите") || m.contains("отвечу сам") || m.contains("закрыто"));
    }

    @Test
    void a_closed_ticket_cannot_be_answered_taken_or_closed_again_and_each_refusal_is_logged() {
        h.says(anna, "вопрос про забор");
        String card = h.cardIdOf(1);
        h.inConsultantsChat(CONSULTANT, "/answer 1 Забор можно.", null);
        h.inConsultantsChat(CONSULTANT, "/close 1", null);
        int annaHad = h.sentTo(chatOf(anna)).size();

        String line = refusedOnce(() -> h.inConsultantsChat(CONSULTANT, "/answer 1 ещё раз", null));
        assertThat(line).contains("#1 is closed").doesNotContain("ещё раз");
        assertThat(h.lastTo(CONSULTANTS).markdown()).isEqualTo("Обращение №1 уже закрыто.");
        refusedOnce(() -> h.inConsultantsChat(CONSULTANT, "и ещё ответ", card));
        refusedOnce(() -> h.inConsultantsChat(CONSULTANT, "/take 1", null));
        refusedOnce(() -> h.inConsultantsChat(CONSULTANT, "/close 1", null));
        refusedOnce(() -> h.tapsInConsultantsChat(CONSULTANT, "t:1"));
        refusedOnce(() -> h.tapsInConsultantsChat(CONSULTANT, "c:1"));
        refusedOnce(() -> assertThat(h.desk.answer(1, "из терминала", "cli").done()).isFalse());
        refusedOnce(() -> assertThat(h.desk.close(1, "cli", "повтор").done()).isFalse());
        line = refusedOnce(() -> h.inConsultantsChat(CONSULTANT, "/take 424242", null));
        assertThat(line).contains("no ticket #424242");

        assertThat(h.sentTo(chatOf(anna))).hasSize(annaHad);
        assertThat(ticket(1).state()).isEqualTo(TicketState.CLOSED);
        long consultation = ticket(1).consultationId();
        assertThat(h.read(tx -> tx.consultation(consultation)).orElseThrow().outcome())
                .isEqualTo(Outcome.CONSULTANT);
    }

    @Test
    void actions_that_are_allowed_log_no_refusal() {
        h.script("как создать тос", Decision.ANSWER, "create-steps");
        h.says(anna, "как создать тос");
        h.taps(anna, h.button(chatOf(anna), "Подробнее"));
        h.taps(anna, h.button(chatOf(anna), "Да"));
        h.says(boris, "вопрос про забор");
        h.inConsultantsChat(CONSULTANT, "/take 1", null);
        h.inConsultantsChat(CONSULTANT, "ответ", h.cardIdOf(1));
        h.says(boris, "/help");

        assertThat(log.refusals()).isEmpty();
        assertThat(ticket(1).state()).isEqualTo(TicketState.ANSWERED);
    }
}
