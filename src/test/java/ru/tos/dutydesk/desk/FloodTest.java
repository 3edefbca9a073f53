package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.report.PeriodArgument;
import ru.tos.dutydesk.report.ReportBuilder;
import ru.tos.dutydesk.testing.LogCapture;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANT;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANTS;
import static ru.tos.dutydesk.desk.DeskHarness.COORDINATOR;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;
import static ru.tos.dutydesk.desk.DeskHarness.resident;

/** One person writing too fast is paused (default 20 a minute, 100 an hour); the others are not. */
class FloodTest extends DeskHarnessTest {
    private static final String PAUSE = "Вы пишете очень часто";

    @Test
    void aBurstIsReadUpToTheLimitThenTheSenderIsToldOnceAndReadAgainAfterAMinute() {
        Person flooder = resident("1001");
        Person other = resident("2002");
        String secret = "Перепелкина";
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 200; i++) {
                h.says(flooder, "привет " + secret + " " + i);
            }
            h.says(other, "привет");

            List<OutboundMessage> toFlooder = h.sentTo(chatOf(flooder));
            List<OutboundMessage> pauses = toFlooder.stream().filter(m -> m.markdown().contains(PAUSE)).toList();
            assertThat(pauses).as("told once").hasSize(1);
            assertThat(pauses.get(0).markdown()).contains("1 мин");
            assertThat(toFlooder.indexOf(pauses.get(0))).as("after the 20 messages that were read")
                    .isEqualTo(toFlooder.size() - 1);
            long answered = toFlooder.size() - 1;
            // the first read message opened a ticket; the 19 follow-ups share one notice while it waits unsent
            assertThat(answered).isBetween(2L, 40L);
            assertThat(h.sentTo(chatOf(other))).as("another resident is read as usual").hasSize(1);
            assertThat(log.text()).contains("flood").doesNotContain(secret);
        }
        assertThat(flooded()).as("the 180 not read are counted, the notice's trigger among them").isEqualTo(180);
        int sizeBefore = h.sentTo(chatOf(flooder)).size();

        h.clock.advance(Duration.ofSeconds(61));
        h.says(flooder, "привет");
        assertThat(h.sentTo(chatOf(flooder))).as("read again once the minute has passed").hasSizeGreaterThan(sizeBefore);
        assertThat(h.sentTo(chatOf(flooder)).get(h.sentTo(chatOf(flooder)).size() - 1).markdown()).doesNotContain(PAUSE);
    }

    @Test
    void messagesNotReadOpenNoConsultationAndNoTicket() {
        Person flooder = resident("1001");
        for (int i = 0; i < 20; i++) {
            h.says(flooder, "спасибо");
        }
        h.says(flooder, "Как создать ТОС, если соседи против?");
        h.says(flooder, "/human");

        assertThat(h.read(DeskTransaction::activeTickets)).as("nothing escalated while paused").isEmpty();
        assertThat(h.sentTo(CONSULTANTS)).isEmpty();
        assertThat(report().consultations()).isZero();
        assertThat(report().floodIgnored()).isEqualTo(2);
    }

    @Test
    void theHourlyLimitPausesUntilTheHourHasPassed() {
        Person steady = resident("1001");
        for (int minute = 0; minute < 5; minute++) {
            for (int i = 0; i < 20; i++) {
                h.says(steady, "спасибо");
            }
            h.clock.advance(Duration.ofMinutes(1));
        }
        int read = h.sentTo(chatOf(steady)).size();
        h.says(steady, "спасибо");
        assertThat(h.lastTo(chatOf(steady)).markdown()).contains(PAUSE).contains("55 мин");

        h.clock.advance(Duration.ofMinutes(30));
        h.says(steady, "спасибо");
        assertThat(h.sentTo(chatOf(steady))).as("still paused within the hour").hasSize(read + 1);

        h.clock.advance(Duration.ofMinutes(26));
        h.says(steady, "спасибо");
        assertThat(h.sentTo(chatOf(steady))).as("the hour of the first message has passed").hasSize(read + 2);
        assertThat(flooded()).isEqualTo(2);
    }

    @Test
    void consultantsAndCoordinatorsAreNeverPaused() {
        for (int i = 0; i < 30; i++) {
            h.inConsultantsChat(CONSULTANT, "/queue", null);
        }
        assertThat(h.sentTo(CONSULTANTS)).hasSize(30).noneMatch(m -> m.markdown().contains(PAUSE));

        for (int i = 0; i < 30; i++) {
            h.says(COORDINATOR, "/help");
        }
        assertThat(h.sentTo(chatOf(COORDINATOR))).hasSize(30).noneMatch(m -> m.markdown().contains(PAUSE));
        assertThat(flooded()).isZero();
    }

    @Test
    void aRedeliveredUpdateIsNotCountedTwice() {
        Person flooder = resident("1001");
        InboundMessage first = h.message(flooder, "спасибо");
        for (int i = 0; i < 25; i++) {
            h.desk.handle(first);
        }
        assertThat(h.sentTo(chatOf(flooder))).hasSize(1);
        assertThat(flooded()).isZero();
    }

    private long flooded() {
        return h.store.reportSource().floodIgnored(Instant.EPOCH, h.clock.instant().plusSeconds(60));
    }

    private ru.tos.dutydesk.report.Report report() {
        return new ReportBuilder(h.store.reportSource(), Map.of(), "ТОС", ru.tos.dutydesk.report.TopicTitles.unknown())
                .build(new PeriodArgument(DeskHarness.MOSCOW, DeskHarness.PROJECT_FROM, DeskHarness.PROJECT_TO)
                        .project(java.time.LocalDate.of(2026, 11, 25)), h.clock.instant());
    }
}
