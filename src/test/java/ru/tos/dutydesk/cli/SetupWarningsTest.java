package ru.tos.dutydesk.cli;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.desk.Address;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.DeskSettings;
import ru.tos.dutydesk.desk.DeskTexts;
import ru.tos.dutydesk.desk.WorkingHours;
import ru.tos.dutydesk.testing.LogCapture;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15 point 8: with Telegram on, a desk not yet set up for consultants says so at start, naming the key. */
class SetupWarningsTest {

    private static DeskSettings settings(Set<String> consultants, Set<String> coordinators) {
        return new DeskSettings(new WorkingHours(EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0), LocalTime.of(18, 0),
                ZoneId.of("Europe/Moscow")), Duration.ofHours(4), Duration.ofHours(2), Duration.ofDays(3),
                Optional.of(new Address(Channel.TELEGRAM, "-1000000000000")), consultants, coordinators, List.of(),
                DeskTexts.defaultTexts());
    }

    @Test
    void thePlaceholderChatAndAnEmptyConsultantListAreWarnedAboutByKey() {
        try (LogCapture log = LogCapture.start()) {
            SetupWarnings.logFor(Optional.of(-1000000000000L), settings(Set.of(), Set.of()));
            List<String> lines = log.lines();
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("WARN").contains("telegram.consultants-chat-id")
                    .contains("-1000000000000").contains("/id"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("WARN").contains("telegram.consultants is empty"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("INFO").contains("telegram.coordinators is empty"));
        }
    }

    @Test
    void aDeskThatIsSetUpStartsWithoutAWord() {
        try (LogCapture log = LogCapture.start()) {
            SetupWarnings.logFor(Optional.of(-1001234567890L), settings(Set.of("77"), Set.of("88")));
            assertThat(log.lines()).noneMatch(l -> l.contains("telegram."));
        }
    }
}
