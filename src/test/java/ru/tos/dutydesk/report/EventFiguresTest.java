package ru.tos.dutydesk.report;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.ConsultationSlot;
import ru.tos.dutydesk.desk.EventCalendar;
import ru.tos.dutydesk.desk.Outcome;
import ru.tos.dutydesk.desk.Webinar;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Webinars held against the target, registrations and attendance, video consultations, participants across them. */
class EventFiguresTest {
    private static final Instant NOV_10 = Instant.parse("2026-11-10T15:00:00Z");
    private static final Webinar HELD = new Webinar("create-tos", "Как создать ТОС", NOV_10, Duration.ofHours(1), "https://x", 30);
    private static final Webinar NOBODY_CAME = new Webinar("grants", "Гранты", NOV_10.plus(Duration.ofDays(7)), Duration.ofHours(1), "https://x", 0);
    private static final Webinar DECEMBER = new Webinar("dec", "Декабрь", Instant.parse("2026-12-10T15:00:00Z"), Duration.ofHours(1), "https://x", 0);
    private static final ConsultationSlot PAST = ConsultationSlot.of("Мария", NOV_10.plus(Duration.ofDays(1)), Duration.ofMinutes(30), "https://r");
    private static final ConsultationSlot FREE = ConsultationSlot.of("Мария", NOV_10.plus(Duration.ofDays(2)), Duration.ofMinutes(30), "https://r");
    private static final ConsultationSlot COMING = ConsultationSlot.of("Мария", Instant.parse("2026-11-30T10:00:00Z"), Duration.ofMinutes(30), "https://r");

    private static ReportSource source() {
        return new ReportSource() {
            @Override
            public List<ConsultationFact> consultations(Instant from, Instant until) {
                // person 1 asked in the chat; 1 also came to the webinar: one participant, not two
                return List.of(new ConsultationFact(1, Channel.TELEGRAM, null, Outcome.BOT, false, NOV_10, null, null));
            }

            @Override
            public List<Duration> firstResponseTimes(Instant from, Instant until) {
                return List.of();
            }

            @Override
            public long floodIgnored(Instant from, Instant until) {
                return 0;
            }

            @Override
            public List<Seat> webinarSeats() {
                return List.of(new Seat("create-tos", 1, true), new Seat("create-tos", 2, true), new Seat("create-tos", 3, false),
                        new Seat("grants", 4, false), new Seat("dec", 5, true));
            }

            @Override
            public List<Seat> slotBookings() {
                return List.of(new Seat(PAST.id(), 6, false), new Seat(COMING.id(), 7, false));
            }
        };
    }

    @Test
    void theReportCountsWebinarsHeldAttendanceAndVideoConsultations() {
        Report r = new ReportBuilder(source(), Map.of("participants", 175), "ТОС", TopicTitles.unknown())
                .withEvents(new EventCalendar(List.of(HELD, NOBODY_CAME, DECEMBER), List.of(PAST, FREE, COMING)))
                .build(ReportBuilderTest.NOVEMBER, Instant.parse("2026-11-20T09:00:00Z"));

        assertThat(r.events().webinars()).containsExactly(
                new EventFigures.Webinar("create-tos", "Как создать ТОС", NOV_10, 3, 2),
                new EventFigures.Webinar("grants", "Гранты", NOBODY_CAME.start(), 1, 0));
        assertThat(r.events().webinarsHeld()).isEqualTo(1);
        // the slot of 30 November has not come yet on the 20th; the free one is not a consultation
        assertThat(r.events().videoConsultationsHeld()).isEqualTo(1);
        // 1 (chat and webinar), 2 (webinar), 6 (video): 3 who registered but did not come is not a participant
        assertThat(r.participants()).isEqualTo(3);
        // the default target of the grant project: five webinars
        assertThat(r.targets()).contains(new Target("webinars", "Вебинары проведены", 1L, 5));

        String phone = new PhoneTextRenderer().render(r).replace("\\", "");
        assertThat(phone).contains("Вебинары проведены: 1 из 5").contains("10.11.2026 Как создать ТОС: записались 3, пришли 2")
                .contains("Видеоконсультаций проведено: 1");
        for (ReportFormat f : ReportFormat.values()) {
            assertThat(f.renderer().render(r)).as(f.name()).contains("Как создать ТОС").contains("Видеоконсультаций проведено");
        }
    }

    @Test
    void aConfiguredTargetWinsAndNoEventsMeansNoSection() {
        Report r = new ReportBuilder(source(), Map.of("webinars", 7), "ТОС", TopicTitles.unknown())
                .withEvents(new EventCalendar(List.of(HELD), List.of()))
                .build(ReportBuilderTest.NOVEMBER, Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(r.targets()).contains(new Target("webinars", "Вебинары проведены", 1L, 7));

        Report none = new ReportBuilder(source(), Map.of(), "ТОС", TopicTitles.unknown())
                .build(ReportBuilderTest.NOVEMBER, Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(none.participants()).isEqualTo(1);
        assertThat(new PhoneTextRenderer().render(none)).doesNotContain("Вебинар");
    }
}
