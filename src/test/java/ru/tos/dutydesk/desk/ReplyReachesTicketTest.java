package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANT;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANTS;
import static ru.tos.dutydesk.desk.DeskHarness.STRANGER;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/** A consultant's reply to any of a ticket's posts reaches the resident; a reply to a desk post of no ticket is told so. */
class ReplyReachesTicketTest extends DeskHarnessTest {
    private static final String NO_TICKET = "Не нашла обращение, к которому относится этот ответ";
    private final Person anna = resident("1001");

    @Test
    void aReplyToAFollowUpPostReachesTheResident() {
        h.says(anna, "вопрос про забор");
        h.cardIdOf(1);
        h.says(anna, "забыла сказать: забор общий");
        String followUp = h.lastIdIn(CONSULTANTS);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("Дополнение к обращению №1");

        h.inConsultantsChat(CONSULTANT, "Общий забор ставят по решению собрания.", followUp);

        assertThat(h.sentTo(chatOf(anna))).extracting(OutboundMessage::markdown)
                .anySatisfy(t -> assertThat(t).contains("Ответ консультанта").contains("по решению собрания"));
    }

    @Test
    void aReplyToTheAnnouncementThatAnAnswerWentOutReachesTheResidentToo() {
        h.says(anna, "вопрос про забор");
        String card = h.cardIdOf(1);
        h.inConsultantsChat(CONSULTANT, "Первый ответ.", card);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("Ответ по обращению №1 отправлен");
        String announcement = h.lastIdIn(CONSULTANTS, "Ответ по обращению №1 отправлен");

        h.inConsultantsChat(CONSULTANT, "И ещё: смету утверждает собрание.", announcement);

        List<String> toAnna = h.sentTo(chatOf(anna)).stream().map(OutboundMessage::markdown).toList();
        assertThat(toAnna).anySatisfy(t -> assertThat(t).contains("Первый ответ"))
                .anySatisfy(t -> assertThat(t).contains("смету утверждает собрание"));
        assertThat(h.sentTo(CONSULTANTS)).noneMatch(m -> m.markdown().contains(NO_TICKET));
    }

    @Test
    void aConsultantsReplyToADeskPostOfNoTicketIsAnsweredInTheGroup() {
        h.inConsultantsChat(CONSULTANT, "/queue", null);
        String listing = h.lastIdIn(CONSULTANTS);

        h.inConsultantsChat(CONSULTANT, "Ответ жителю про устав", listing);

        OutboundMessage hint = h.lastTo(CONSULTANTS);
        assertThat(hint.markdown()).contains(NO_TICKET).contains("/answer N текст");
        assertThat(h.desk.activeTickets()).isEmpty();
    }

    @Test
    void aReplyToAColleaguesMessageOrFromAStrangerIsLeftAlone() {
        h.inConsultantsChat(CONSULTANT, "/queue", null);
        String listing = h.lastIdIn(CONSULTANTS);
        int before = h.sentTo(CONSULTANTS).size();

        h.inConsultantsChat(CONSULTANT, "согласна с тобой", "m12345"); // a colleague's message, not the desk's
        h.inConsultantsChat(STRANGER, "а я не консультант", listing);

        assertThat(h.sentTo(CONSULTANTS)).hasSize(before);
    }
}
