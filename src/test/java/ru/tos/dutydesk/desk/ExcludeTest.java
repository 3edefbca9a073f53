package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.report.ConsultationFact;
import ru.tos.dutydesk.report.CsvRenderer;
import ru.tos.dutydesk.report.HtmlRenderer;
import ru.tos.dutydesk.report.PhoneTextRenderer;
import ru.tos.dutydesk.report.Report;
import ru.tos.dutydesk.report.ReportBuilder;
import ru.tos.dutydesk.report.TopicTitles;
import ru.tos.dutydesk.report.ReportPeriod;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANT;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANTS;
import static ru.tos.dutydesk.desk.DeskHarness.COORDINATOR;
import static ru.tos.dutydesk.desk.DeskHarness.STRANGER;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/** Issue 15 point 3: /exclude N reason leaves a consultation out of the report, which lists it apart. */
class ExcludeTest extends DeskHarnessTest {
    final Person anna = resident("3301");
    final Person boris = resident("3302");

    @Test
    void a_consultant_excludes_a_ticket_and_the_report_counts_it_apart_with_reason_and_who() {
        h.says(anna, "вопрос про забор");
        h.says(boris, "тестирую бота");

        h.inConsultantsChat(CONSULTANT, "/exclude 2 проба, не вопрос", null);

        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("№2").contains("не входит в отчёт");
        Report r = report();
        assertThat(r.consultations()).isEqualTo(1);
        assertThat(r.participants()).isEqualTo(1);
        assertThat(r.excluded()).containsExactly(new ConsultationFact.Exclusion(2, "проба, не вопрос", "Ольга"));
        assertThat(new CsvRenderer().render(r)).contains("Исключено;обращение №2;;проба, не вопрос (Ольга)")
                .contains("Итого;Исключены из отчёта;;1");
        assertThat(new PhoneTextRenderer().render(r)).contains("Исключены из отчёта: 1");
        assertThat(new HtmlRenderer().render(r)).contains("Исключены из отчёта").contains("Консультация — вопрос по существу");
    }

    @Test
    void a_coordinator_may_exclude_in_the_consultants_chat_and_include_takes_it_back() {
        h.says(anna, "вопрос про забор");

        h.inConsultantsChat(COORDINATOR, "/exclude 1 дубль", null);
        assertThat(report().consultations()).isZero();

        h.inConsultantsChat(COORDINATOR, "/include 1", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("снова входит в отчёт");
        Report r = report();
        assertThat(r.consultations()).isEqualTo(1);
        assertThat(r.excluded()).isEmpty();
    }

    @Test
    void without_a_reason_the_command_says_how_and_excludes_nothing() {
        h.says(anna, "вопрос про забор");
        h.inConsultantsChat(CONSULTANT, "/exclude 1", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("/exclude N причина");
        h.inConsultantsChat(CONSULTANT, "/exclude", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).contains("/exclude N причина");
        assertThat(report().consultations()).isEqualTo(1);
    }

    @Test
    void an_unknown_number_is_a_plain_error() {
        h.inConsultantsChat(CONSULTANT, "/exclude 9 проба", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).isEqualTo("Обращения №9 нет.");
    }

    @Test
    void others_are_refused_in_the_group_and_in_a_private_chat() {
        h.says(anna, "вопрос про забор");
        h.inConsultantsChat(STRANGER, "/exclude 1 проба", null);
        assertThat(h.lastTo(CONSULTANTS).markdown()).isEqualTo("Эта команда доступна только консультантам.");
        h.says(boris, "/exclude 1 проба");
        assertThat(h.lastTo(chatOf(boris)).markdown()).isEqualTo("Эта команда доступна только консультантам.");
        assertThat(report().excluded()).isEmpty();
        assertThat(report().consultations()).isEqualTo(1);
    }

    private Report report() {
        LocalDate today = LocalDate.ofInstant(h.clock.instant(), DeskHarness.MOSCOW);
        return new ReportBuilder(h.store.reportSource(), DeskHarness.TARGETS, "ТОС", TopicTitles.unknown())
                .build(new ReportPeriod(today, today, DeskHarness.MOSCOW), h.clock.instant());
    }
}
