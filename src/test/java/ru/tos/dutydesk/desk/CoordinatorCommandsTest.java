package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import ru.tos.dutydesk.report.ConsultationFact;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANT;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANTS;
import static ru.tos.dutydesk.desk.DeskHarness.COORDINATOR;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/** /stats and /export: who may ask where, how a period is typed, and that asking is never a consultation. */
class CoordinatorCommandsTest {
    @TempDir
    Path dir;
    DeskHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private DeskHarness harness() {
        h = new DeskHarness(dir);
        return h;
    }

    private static String seen(OutboundMessage m) {
        return DeskTest.seen(m);
    }

    private List<ConsultationFact> allConsultations() {
        return h.store.reportSource().consultations(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"));
    }

    @Test
    void a_coordinator_gets_figures_in_a_private_chat() {
        harness().says(COORDINATOR, "/stats");

        OutboundMessage reply = h.lastTo(chatOf(COORDINATOR));
        assertThat(seen(reply)).startsWith("Отчёт за 01.09.2026–30.06.2027").contains("Консультации: 0 из 50 (0,0 %)")
                .contains("Участники: 0").contains("Районы: 0");
        assertThat(reply.hasAttachment()).isFalse();
    }

    @Test
    void a_coordinator_gets_figures_in_the_consultants_chat_as_a_reply_to_the_command() {
        harness().saysIn(CONSULTANTS, COORDINATOR, "/stats месяц");

        OutboundMessage reply = h.lastTo(CONSULTANTS);
        assertThat(seen(reply)).startsWith("Отчёт за 01.11.2026–30.11.2026");
        assertThat(reply.replyToMessageId()).startsWith("m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/stats", "/export", "/STATS месяц", "/export 2026-10"})
    void a_resident_is_refused_and_neither_counted_nor_handed_to_a_consultant(String command) {
        Person resident = resident("1001");
        harness().says(resident, command);

        List<OutboundMessage> toResident = h.sentTo(chatOf(resident));
        assertThat(toResident).singleElement().satisfies(m -> {
            assertThat(seen(m)).contains("только координаторам");
            assertThat(m.hasAttachment()).isFalse();
        });
        assertThat(allConsultations()).isEmpty();
        assertThat(h.desk.activeTickets()).isEmpty();
        assertThat(h.sentTo(CONSULTANTS)).isEmpty();
    }

    @Test
    void a_consultant_who_is_not_a_coordinator_is_refused_in_the_consultants_chat() {
        harness().inConsultantsChat(CONSULTANT, "/export", null);

        assertThat(h.sentTo(CONSULTANTS)).singleElement().satisfies(m -> {
            assertThat(seen(m)).contains("только координаторам");
            assertThat(m.hasAttachment()).isFalse();
        });
    }

    @Test
    void the_coordinators_id_on_another_platform_or_in_another_group_gets_nothing() {
        harness();
        Person sameIdOnVk = new Person(Channel.VK, COORDINATOR.platformUserId(), "Тёзка из VK");
        h.says(sameIdOnVk, "/stats");
        Address otherGroup = new Address(Channel.TELEGRAM, "-100999");
        h.saysIn(otherGroup, COORDINATOR, "/export");

        assertThat(seen(h.lastTo(chatOf(sameIdOnVk)))).contains("только координаторам");
        assertThat(h.sentTo(otherGroup)).singleElement()
                .satisfies(m -> assertThat(seen(m)).contains("только координаторам").doesNotContain("Консультации"));
        assertThat(h.deliver()).noneMatch(i -> i.message().hasAttachment());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/stats месяц|01.11.2026–30.11.2026",
            "/stats Month|01.11.2026–30.11.2026",
            "/stats неделя|23.11.2026–29.11.2026",
            "/stats week|23.11.2026–29.11.2026",
            "/stats 2026-10|01.10.2026–31.10.2026",
            "/stats 2027-2|01.02.2027–28.02.2027",
            "/stats 2026-10-01..2026-10-31|01.10.2026–31.10.2026",
            "/stats  2026-10-05 .. 2026-10-07 |05.10.2026–07.10.2026",
            "/stats 2026-10-05|05.10.2026–05.10.2026",
            "/stats 05.10.2026|05.10.2026–05.10.2026",
            "/stats 01.10.2026..07.10.2026|01.10.2026–07.10.2026",
            "/stats октябрь|01.10.2026–31.10.2026",
            "/stats Декабрь|01.12.2025–31.12.2025",
            "/stats дек 2026|01.12.2026–31.12.2026",
            "/stats декабрь 2026|01.12.2026–31.12.2026",
            "/stats ноября 2026|01.11.2026–30.11.2026",
            "/stats|01.09.2026–30.06.2027"})
    void periods_as_a_coordinator_types_them(String command, String period) {
        // the harness clock: Wednesday 25 November 2026
        harness().says(COORDINATOR, command);

        assertThat(seen(h.lastTo(chatOf(COORDINATOR)))).startsWith("Отчёт за " + period + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/stats вчера|Не понимаю период «вчера»",
            "/stats 2026-13|Не понимаю период «2026-13»",
            "/stats 2026-02-30|Не понимаю период «2026-02-30»",
            "/stats 30.02.2026|Не понимаю период «30.02.2026»",
            "/stats декада|Не понимаю период «декада»",
            "/stats 2026-10-31..2026-10-01|Период заканчивается (01.10.2026) раньше, чем начинается (31.10.2026)",
            "/stats 2026-01-01..9999-12-31|Период длиннее 10 лет",
            "/export <b>*x*</b>|Не понимаю период «<b>*x*</b>»"})
    void a_period_that_makes_no_sense_gets_the_usage_and_no_figures(String command, String problem) {
        harness().says(COORDINATOR, command);

        OutboundMessage reply = h.lastTo(chatOf(COORDINATOR));
        String name = command.substring(1, command.indexOf(' '));
        assertThat(seen(reply)).startsWith(problem).contains("Как указать период")
                .contains("/" + name + " месяц").contains("/" + name + " 2026-10-01..2026-10-31")
                .doesNotContain("Консультации");
        assertThat(h.deliver()).noneMatch(i -> i.message().hasAttachment());
    }

    @Test
    void export_sends_the_spreadsheet_and_the_page_as_two_files() {
        harness().says(COORDINATOR, "/export 2026-11");

        List<OutboundMessage> sent = h.sentTo(chatOf(COORDINATOR));
        assertThat(sent).hasSize(2).allMatch(OutboundMessage::hasAttachment);
        Attachment csv = sent.get(0).attachment();
        Attachment html = sent.get(1).attachment();
        assertThat(csv.fileName()).isEqualTo("tos-report_2026-11-01_2026-11-30.csv");
        assertThat(csv.mediaType()).isEqualTo("text/csv");
        assertThat(new String(csv.bytes(), StandardCharsets.UTF_8)).startsWith("\uFEFFАссоциация;" + DeskHarness.ASSOCIATION + "\r\n")
                .contains("\r\nРаздел;Показатель;Код темы;");
        assertThat(html.fileName()).endsWith(".html");
        assertThat(new String(html.bytes(), StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>").contains("<svg")
                .contains("Ассоциация ТОС «Север &amp; Юг»");
        assertThat(seen(sent.get(0))).contains("01.11.2026–30.11.2026").contains("CSV");
    }

    @Test
    void a_report_that_fails_is_reported_as_such_and_never_becomes_a_ticket() {
        h = new DeskHarness(dir, new CoordinatorReports() {
            @Override
            public String statsText(String periodArg, Instant now) {
                throw new IllegalStateException("disk on fire");
            }

            @Override
            public List<Document> export(String periodArg, Instant now) {
                throw new IllegalStateException("disk on fire");
            }
        });
        h.says(COORDINATOR, "/stats");

        assertThat(seen(h.lastTo(chatOf(COORDINATOR)))).contains("Не получилось собрать отчёт");
        assertThat(h.desk.activeTickets()).isEmpty();
        assertThat(h.sentTo(CONSULTANTS)).isEmpty();
        assertThat(allConsultations()).isEmpty();
    }

    @Test
    void the_figures_are_those_of_the_report_over_the_same_conversations() {
        try (ReportFixture fixture = ReportFixture.build(dir.resolve("fixture"))) {
            List<OutboundMessage> replies = fixture.coordinatorSays("/stats");

            assertThat(replies).singleElement();
            String text = seen(replies.get(0));
            // hand-counted in ReportFiguresTest
            assertThat(text.lines()).contains("Консультации: 6 из 50 (12,0 %)", "Участники: 5 из 175 (2,8 %)",
                    "Муниципальные районы: 2 из 5 (40,0 %)", "Консультации: 6", "Участники: 5", "Районы: 2",
                    "— Второй район", "— Первый район", "медиана: 30 мин", "90-й процентиль: 2 ч 00 мин",
                    "учтено ответов: 3", "«не помогло»: 33,3 % (1 из 3)", "ответил бот: 2", "ответил консультант: 3",
                    "без ответа: 1", "октябрь 2026: 1", "ноябрь 2026: 5", "Telegram: 4", "VK: 2", "Как создать ТОС: 2",
                    "Первый район: 3", "другой: 1", "не указан: 1", "активист ТОС: 2", "не указана: 3");
            // months without consultations are left out on a phone
            assertThat(text).doesNotContain("сентябрь 2026").doesNotContain("create-steps");
            assertThat(text.lines()).allMatch(l -> l.length() <= 45, "short lines for a phone");
        }
    }
}
