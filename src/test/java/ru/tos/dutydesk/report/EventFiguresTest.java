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
    private static final ConsultationSlot NOT_HELD = ConsultationSlot.of("Пётр", NOV_10.plus(Duration.ofDays(1)), Duration.ofMinutes(30), "https://r");
    private static final ConsultationSlot UNMARKED = ConsultationSlot.of("Мария", NOV_10.plus(Duration.ofDays(3)), Duration.ofMinutes(30), "https://r");
    private static final ConsultationSlot FREE = ConsultationSlot.of("Мария", NOV_10.plus(Duration.ofDays(2)), Duration.ofMinutes(30), "https://r");
    private static final ConsultationSlot COMING = ConsultationSlot.of("Мария", Instant.parse("2026-11-30T10:00:00Z"), Duration.ofMinutes(30), "https://r");

    /** Person 6 had the consultation marked «Состоялась», 9 «Не состоялась», 8 nobody marked yet; 7's is to come. */
    private static final List<ReportSource.Booking> MARKED = List.of(new ReportSource.Booking(PAST.id(), 6, true),
            new ReportSource.Booking(NOT_HELD.id(), 9, false), new ReportSource.Booking(UNMARKED.id(), 8, null),
            new ReportSource.Booking(COMING.id(), 7, null));
    private static final EventCalendar CALENDAR = new EventCalendar(List.of(HELD, NOBODY_CAME, DECEMBER),
            List.of(PAST, NOT_HELD, UNMARKED, FREE, COMING));
    private static final Instant NOV_20 = Instant.parse("2026-11-20T09:00:00Z");

    private static ReportSource source() {
        return source(MARKED);
    }

    private static ReportSource source(List<ReportSource.Booking> bookings) {
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
            public List<Booking> slotBookings() {
                return bookings;
            }
        };
    }

    @Test
    void theReportCountsWebinarsHeldAttendanceAndVideoConsultations() {
        Report r = new ReportBuilder(source(), Map.of("participants", 175), "ТОС", TopicTitles.unknown())
                .withEvents(CALENDAR).build(ReportBuilderTest.NOVEMBER, NOV_20);

        assertThat(r.events().webinars()).containsExactly(
                new EventFigures.Webinar("create-tos", "Как создать ТОС", NOV_10, 3, 2),
                new EventFigures.Webinar("grants", "Гранты", NOBODY_CAME.start(), 1, 0));
        assertThat(r.events().webinarsHeld()).isEqualTo(1);
        // only the one marked «Состоялась» is held; the unmarked past one waits for its mark; the slot of 30 November
        // has not come yet on the 20th and is not waiting; the free one is not a consultation
        assertThat(r.events().videoConsultationsHeld()).isEqualTo(1);
        assertThat(r.events().videoConsultationsNotHeld()).isEqualTo(1);
        assertThat(r.events().videoConsultationsUnmarked()).isEqualTo(1);
        // 1 (chat and webinar), 2 (webinar), 6 (video, marked held): 3 who registered but did not come is not a
        // participant, nor 9 (marked not held) or 8 (not marked)
        assertThat(r.participants()).isEqualTo(3);
        // the default target of the grant project: five webinars
        assertThat(r.targets()).contains(new Target("webinars", "Вебинары проведены", 1L, 5));

        String phone = new PhoneTextRenderer().render(r).replace("\\", "");
        assertThat(phone).contains("Вебинары проведены: 1 из 5").contains("10.11.2026 Как создать ТОС: записались 3, пришли 2")
                .contains("Видеоконсультации проведены (отмечены «Состоялась»): 1")
                .contains("Видеоконсультации не состоялись: 1")
                .contains("Видеоконсультации ждут отметки (не в счёт): 1");
        for (ReportFormat f : ReportFormat.values()) {
            assertThat(f.renderer().render(r)).as(f.name()).contains("Как создать ТОС")
                    .contains("Видеоконсультации проведены").contains("Видеоконсультации ждут отметки");
        }
    }

    @Test
    void aBookedConsultationWhoseTimePassedIsNotHeldNorItsResidentAParticipantUntilMarkedHeld() {
        ReportBuilder unmarked = new ReportBuilder(source(List.of(new ReportSource.Booking(PAST.id(), 6, null))),
                Map.of("participants", 175), "ТОС", TopicTitles.unknown()).withEvents(CALENDAR);
        Report before = unmarked.build(ReportBuilderTest.NOVEMBER, NOV_20);
        assertThat(before.events().videoConsultationsHeld()).isZero();
        assertThat(before.events().videoConsultationsUnmarked()).isEqualTo(1);
        // 1 and 2 only: a resident who may not have come is not counted
        assertThat(before.participants()).isEqualTo(2);
        assertThat(new PhoneTextRenderer().render(before).replace("\\", ""))
                .contains("Видеоконсультации проведены (отмечены «Состоялась»): 0")
                .contains("Видеоконсультации ждут отметки (не в счёт): 1");

        Report held = new ReportBuilder(source(List.of(new ReportSource.Booking(PAST.id(), 6, true))),
                Map.of("participants", 175), "ТОС", TopicTitles.unknown()).withEvents(CALENDAR)
                .build(ReportBuilderTest.NOVEMBER, NOV_20);
        assertThat(held.events().videoConsultationsHeld()).isEqualTo(1);
        assertThat(held.events().videoConsultationsUnmarked()).isZero();
        assertThat(held.participants()).isEqualTo(3);

        Report notHeld = new ReportBuilder(source(List.of(new ReportSource.Booking(PAST.id(), 6, false))),
                Map.of("participants", 175), "ТОС", TopicTitles.unknown()).withEvents(CALENDAR)
                .build(ReportBuilderTest.NOVEMBER, NOV_20);
        assertThat(notHeld.events().videoConsultationsHeld()).isZero();
        assertThat(notHeld.events().videoConsultationsNotHeld()).isEqualTo(1);
        assertThat(notHeld.participants()).isEqualTo(2);
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
