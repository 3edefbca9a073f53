package ru.tos.dutydesk.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.desk.ConsultationSlot;
import ru.tos.dutydesk.desk.EventCalendar;
import ru.tos.dutydesk.desk.Webinar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Webinars with a time and consultation slots in desk.webinars / desk.consultation-slots; the old form still works. */
class EventsConfigTest {
    private static final String BLOCK_START = "  webinars:\n";

    private static String shippedWith(String webinarsBlock) throws Exception {
        String shipped = Files.readString(Path.of("config/duty-desk.yml"));
        int from = shipped.indexOf(BLOCK_START);
        int to = shipped.indexOf("\n\n", from);
        return shipped.substring(0, from) + webinarsBlock + shipped.substring(to);
    }

    private static AppConfig load(Path dir, String text) throws Exception {
        Path f = dir.resolve("c.yml");
        Files.writeString(f, text);
        return new ConfigLoader(Map.of()).load(f);
    }

    @Test
    void webinarsAndSlotsAreReadInTheDesksZone(@TempDir Path dir) throws Exception {
        AppConfig c = load(dir, shippedWith("""
                  webinars:
                    - id: grants-2027
                      date: 2026-12-17
                      time: 18:00
                      title: Гранты для ТОС
                      link: https://example.org/w
                      capacity: 30
                      length: 90m
                    - date: 2026-12-24
                      title: Только в тексте
                      link: https://example.org/old
                  consultation-slots:
                    - consultant: Мария Иванова
                      date: 2026-12-11
                      time: "15:00"
                      link: https://example.org/room
                """));
        EventCalendar events = c.events();
        // Europe/Moscow is UTC+3
        assertThat(events.webinars()).containsExactly(new Webinar("grants-2027", "Гранты для ТОС",
                Instant.parse("2026-12-17T15:00:00Z"), Duration.ofMinutes(90), "https://example.org/w", 30));
        ConsultationSlot slot = events.slots().get(0);
        assertThat(slot.consultant()).isEqualTo("Мария Иванова");
        assertThat(slot.start()).isEqualTo(Instant.parse("2026-12-11T12:00:00Z"));
        assertThat(slot.length()).isEqualTo(Duration.ofMinutes(30));
        assertThat(slot.id()).matches("[a-z0-9-]{1,40}");
        // the text for {{desk.webinars}} keeps both, the date-only one too
        assertThat(c.placeholders().get("desk.webinars")).contains("Гранты для ТОС").contains("Только в тексте");
    }

    @Test
    void theShippedConfigAndTheOldFormStillLoad(@TempDir Path dir) throws Exception {
        AppConfig shipped = new ConfigLoader(Map.of()).load(Path.of("config/duty-desk.yml"));
        assertThat(shipped.events().webinars()).extracting(Webinar::id).containsExactly("create-tos", "grants-2027");
        AppConfig old = load(dir, shippedWith("""
                  webinars:
                    - date: 2026-12-10
                      title: Как создать ТОС с нуля
                      link: https://example.org/webinars
                """));
        assertThat(old.events().isEmpty()).isTrue();
        assertThat(old.placeholders().get("desk.webinars")).contains("10.12.2026 — Как создать ТОС с нуля");
    }

    @Test
    void eachProblemNamesItsKeyAndLine(@TempDir Path dir) throws Exception {
        String text = shippedWith("""
                  webinars:
                    - id: Вебинар 1
                      date: 2026-12-17
                      time: "25:00"
                      title: Гранты
                      link: example.org
                      capacity: 0
                  consultation-slots:
                    - date: 2026-12-11
                      time: "15:00"
                      length: полчаса
                      link: https://example.org/room
                """);
        assertThatThrownBy(() -> load(dir, text))
                .hasMessageContaining("desk.webinars[0].id: 'Вебинар 1' is not an id")
                .hasMessageContaining("desk.webinars[0].time: '25:00' is not a time")
                .hasMessageContaining("desk.webinars[0].link: 'example.org' is not an http(s) link")
                .hasMessageContaining("desk.webinars[0].capacity: must be 1 or more")
                .hasMessageContaining("desk.consultation-slots[0].consultant: missing")
                .hasMessageContaining("desk.consultation-slots[0].length: 'полчаса' is not a duration")
                .hasMessageMatching("(?s).*desk\\.webinars\\[0]\\.id: .*\\(line \\d+\\).*");
        assertThatThrownBy(() -> load(dir, shippedWith("""
                  webinars:
                    - id: a
                      date: 2026-12-17
                      title: Без времени
                      link: https://example.org/w
                """))).hasMessageContaining("desk.webinars[0].time: missing");
    }
}
