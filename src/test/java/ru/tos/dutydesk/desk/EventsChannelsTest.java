package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.Synonyms;
import ru.tos.dutydesk.matching.Decision;
import ru.tos.dutydesk.matching.IntentDetector;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.chatOf;

/**
 * Registration by e-mail (a number typed for the choice, as letters have no buttons) gets the .ics attached; VK, which
 * cannot carry a file, gets the link only; «вебинары» opens no consultation; the answer about webinars and the list
 * to register are one reply (a letter, too).
 */
class EventsChannelsTest extends DeskHarnessTest {
    private static final Instant START = Instant.parse("2026-12-03T15:00:00Z");
    private static final Webinar WEBINAR = new Webinar("charter", "Устав ТОС: разбор ошибок", START, Duration.ofHours(1),
            "https://example.org/w/charter", 0);

    @BeforeEach
    void withTheWebinar() {
        h.desk.enableEvents(new EventCalendar(List.of(WEBINAR), List.of()));
    }

    private List<OutboundMessage> registerBy(Person who) {
        h.says(who, "Вебинары");
        OutboundMessage list = h.lastTo(chatOf(who));
        assertThat(list.markdown()).startsWith("📅 Ближайшие вебинары");
        assertThat(list.choices().get(0).label()).startsWith("✍ Записаться: 03.12 Устав ТОС");
        int before = h.sentTo(chatOf(who)).size();
        h.says(who, "1");
        List<OutboundMessage> all = h.sentTo(chatOf(who));
        return all.subList(before, all.size());
    }

    @Test
    void aLetterGetsTheCalendarFileAndVkGetsTheLinkOnly() {
        Person letter = new Person(Channel.EMAIL, "anna@example.org", "Анна");
        List<OutboundMessage> byMail = registerBy(letter);
        assertThat(byMail.get(0).markdown().replace("\\", "")).startsWith("✅ Вы записаны на вебинар").contains("https://example.org/w/charter");
        assertThat(byMail).filteredOn(OutboundMessage::hasAttachment).singleElement().satisfies(m -> {
            assertThat(m.attachment().fileName()).isEqualTo("webinar-charter.ics");
            assertThat(m.attachment().mediaType()).isEqualTo("text/calendar");
            assertThat(new String(m.attachment().bytes(), StandardCharsets.UTF_8)).contains("DTSTART:20261203T150000Z");
        });

        Person vk = new Person(Channel.VK, "321", "Пётр");
        List<OutboundMessage> byVk = registerBy(vk);
        assertThat(byVk.get(0).markdown().replace("\\", "")).startsWith("✅ Вы записаны на вебинар").contains("https://example.org/w/charter");
        assertThat(byVk).noneMatch(OutboundMessage::hasAttachment);

        // asking for the list and registering are not consultations
        assertThat(h.store.reportSource().consultations(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void theAnswerAboutWebinarsAndTheListToRegisterAreOneReply() {
        Entry webinars = new Entry(ResidentFlow.WEBINARS_ENTRY, "Вебинары ассоциации", List.of("когда вебинар"),
                List.of("вебинар"), List.of("131-ФЗ, ст. 27"), LocalDate.of(2026, 11, 25),
                "Занятия школы ТОС нашей ассоциации перечислены ниже.", Path.of("desk-webinars.md"));
        h.desk.replaceKnowledge(new Knowledge(new KnowledgeBase(List.of(webinars), Synonyms.none()), h.matcher(),
                new IntentDetector()));
        h.script("когда вебинар", Decision.ANSWER, ResidentFlow.WEBINARS_ENTRY);

        for (Person who : List.of(DeskHarness.resident("701"), new Person(Channel.EMAIL, "olga@example.org", "Ольга"))) {
            int before = h.sentTo(chatOf(who)).size();
            h.says(who, "когда вебинар");
            List<OutboundMessage> all = h.sentTo(chatOf(who));
            assertThat(all.subList(before, all.size())).as(who.channel().name()).singleElement().satisfies(m -> {
                assertThat(m.markdown()).contains("Занятия школы ТОС").contains("📅 Ближайшие вебинары");
                assertThat(m.choices().get(0).label()).startsWith("✍ Записаться: 03.12 Устав ТОС");
            });
        }
        assertThat(h.store.reportSource().consultations(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))).hasSize(2);
    }

    @Test
    void withoutEventsInTheConfigTheWordIsAnOrdinaryQuestion() {
        h.desk.enableEvents(EventCalendar.none());
        Person anna = DeskHarness.resident("700");
        h.says(anna, "вебинары");
        assertThat(h.lastTo(chatOf(anna)).markdown()).doesNotStartWith("📅");
        h.says(anna, "/events");
        assertThat(h.lastTo(chatOf(anna)).markdown()).startsWith("Эта команда доступна только консультантам");
    }
}
