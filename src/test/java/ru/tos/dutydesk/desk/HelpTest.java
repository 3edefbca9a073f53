package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANT;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANTS;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTING_COORDINATOR;
import static ru.tos.dutydesk.desk.DeskHarness.COORDINATOR;
import static ru.tos.dutydesk.desk.DeskHarness.STRANGER;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/** /help shows each person the commands they may use in the chat they wrote from, and nothing else. */
class HelpTest extends DeskHarnessTest {
    /** A period form as the help lists it: «• /stats 2026-10 — один месяц». */
    private static final Pattern PERIOD_LINE = Pattern.compile("^• (/stats(?: [^\\[\\s]\\S*)?) — .+$", Pattern.MULTILINE);

    private String helpIn(Address chat, Person who) {
        h.saysIn(chat, who, "/help");
        return DeskTest.seen(h.lastTo(chat));
    }

    private String privateHelp(Person who) {
        return helpIn(chatOf(who), who);
    }

    @Test
    void a_coordinator_in_a_private_chat_gets_the_residents_help_and_the_report_commands_with_the_period_forms() {
        String help = privateHelp(COORDINATOR);

        assertThat(help).startsWith("Как со мной говорить:").contains("/human")
                .contains("• /stats [период] — ").contains("• /export [период] — ")
                .contains("• /stats — весь период проекта", "• /stats месяц — ", "• /stats неделя — ",
                        "• /stats 2026-10 — ", "• /stats 2026-10-05 — ", "• /stats 2026-10-01..2026-10-31 — ")
                .doesNotContain("/take").doesNotContain("/queue");
    }

    @Test
    void every_period_form_the_help_shows_gives_figures() {
        String help = privateHelp(COORDINATOR);
        Matcher forms = PERIOD_LINE.matcher(help);
        List<String> commands = forms.results().map(r -> r.group(1)).toList();
        assertThat(commands).hasSize(6);

        for (String command : commands) {
            h.says(COORDINATOR, command);
            assertThat(DeskTest.seen(h.lastTo(chatOf(COORDINATOR)))).as(command).startsWith("Отчёт за ");
        }
    }

    @Test
    void asking_for_help_is_not_a_consultation() {
        privateHelp(COORDINATOR);
        privateHelp(resident("1001"));

        assertThat(h.store.reportSource().consultations(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))).isEmpty();
        assertThat(h.desk.activeTickets()).isEmpty();
    }

    @Test
    void a_resident_sees_neither_the_report_nor_the_consultants_commands() {
        String help = privateHelp(resident("1001"));

        assertThat(help).startsWith("Как со мной говорить:").contains("/human")
                .doesNotContain("/stats").doesNotContain("/export").doesNotContain("/take");
    }

    @Test
    void the_coordinators_id_on_vk_or_in_a_group_where_reports_are_refused_gets_no_report_commands() {
        Person sameIdOnVk = new Person(Channel.VK, COORDINATOR.platformUserId(), "Тёзка из VK");
        Address otherGroup = new Address(Channel.TELEGRAM, "-100999");

        assertThat(privateHelp(sameIdOnVk)).startsWith("Как со мной говорить:").doesNotContain("/stats");
        assertThat(helpIn(otherGroup, COORDINATOR)).startsWith("Как со мной говорить:").doesNotContain("/stats");
    }

    @Test
    void a_consultant_who_is_not_a_coordinator_gets_the_consultants_commands_only() {
        String help = helpIn(CONSULTANTS, CONSULTANT);

        assertThat(help).startsWith("Команды консультанта:").contains("/answer N", "/queue", "/take N", "/close N")
                .doesNotContain("/stats").doesNotContain("/export");
    }

    @Test
    void a_consultant_who_coordinates_gets_both_in_the_consultants_chat() {
        String help = helpIn(CONSULTANTS, CONSULTING_COORDINATOR);

        assertThat(help).startsWith("Команды консультанта:").contains("/take N")
                .contains("• /stats [период] — ", "• /export [период] — ", "• /stats 2026-10-01..2026-10-31 — ");
    }

    @Test
    void a_coordinator_who_is_not_a_consultant_gets_the_report_commands_in_the_consultants_chat_not_a_refusal() {
        String help = helpIn(CONSULTANTS, COORDINATOR);

        assertThat(help).startsWith("Команды координатора").contains("• /stats [период] — ", "• /stats месяц — ")
                .doesNotContain("/take").doesNotContain("только консультантам");
    }

    @Test
    void anyone_else_in_the_consultants_chat_is_refused_as_before() {
        assertThat(helpIn(CONSULTANTS, STRANGER)).isEqualTo("Эта команда доступна только консультантам.");
    }
}
