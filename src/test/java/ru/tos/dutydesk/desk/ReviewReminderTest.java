package ru.tos.dutydesk.desk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.tos.dutydesk.channel.PlainTextRenderer;
import ru.tos.dutydesk.knowledge.Entry;
import ru.tos.dutydesk.knowledge.KnowledgeBase;
import ru.tos.dutydesk.knowledge.Law;
import ru.tos.dutydesk.knowledge.LawRegistry;
import ru.tos.dutydesk.knowledge.SourcePolicy;
import ru.tos.dutydesk.knowledge.Synonyms;
import ru.tos.dutydesk.matching.IntentDetector;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.tos.dutydesk.desk.DeskHarness.CONSULTANTS;

/** The weekly «Пора перепроверить» post to the consultants' chat, driven by the desk's maintenance tick. */
class ReviewReminderTest {
    private static final LawRegistry LAWS = new LawRegistry(List.of(
            new Law("33-ФЗ", "33", "http://pravo.gov.ru/33", Law.Status.IN_FORCE, null, null, null, List.of()),
            new Law("131-ФЗ", "131", "http://pravo.gov.ru/131", Law.Status.EXPIRING, LocalDate.of(2027, 1, 1), null,
                    "33-ФЗ", List.of())));
    /** Monday 2026-11-30 10:00 Moscow. */
    private static final Instant MONDAY = Instant.parse("2026-11-30T07:00:00Z");

    @TempDir
    Path dir;
    private DeskHarness h;

    @BeforeEach
    void open() {
        h = new DeskHarness(dir);
        h.clock.set(MONDAY);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private static Entry entry(String id, LocalDate reviewed, String source) {
        return new Entry(id, "Вопрос " + id, List.of("q"), List.of(), List.of(source), reviewed, "Ответ.",
                Path.of("faq", id + ".md"));
    }

    private static void knowledge(DeskHarness h, Entry... entries) {
        h.desk.replaceKnowledge(new Knowledge(new KnowledgeBase(List.of(entries), Synonyms.none(), List.of(), LAWS,
                SourcePolicy.none()), h.desk.knowledge().matcher(), new IntentDetector()));
    }

    private static void somethingDue(DeskHarness h) {
        knowledge(h, entry("old-answer", LocalDate.of(2025, 6, 1), "33-ФЗ, ст. 50"),
                entry("fresh", LocalDate.of(2026, 11, 1), "33-ФЗ, ст. 50"),
                entry("on-old-law", LocalDate.of(2026, 11, 1), "131-ФЗ, ст. 27"));
    }

    private List<String> posts(DeskHarness h) {
        PlainTextRenderer plain = new PlainTextRenderer();
        return h.sentTo(CONSULTANTS).stream().map(m -> plain.render(m.markdown()))
                .filter(t -> t.startsWith("📚 Пора перепроверить")).toList();
    }

    @Test
    void theListGoesToTheConsultantsChatInRussianWithIdsAndWhy() {
        somethingDue(h);
        h.desk.runMaintenance();

        assertThat(posts(h)).singleElement().satisfies(t -> assertThat(t)
                .contains("Пора перепроверить ответы (2)")
                .contains("• old-answer — проверен 01.06.2025, 17 мес. назад")
                .contains("• on-old-law — 131-ФЗ утрачивает силу 01.01.2027, на смену — 33-ФЗ")
                .contains("reviewed")
                .doesNotContain("fresh"));
    }

    @Test
    void nothingIsPostedWhenNothingIsDue() {
        knowledge(h, entry("fresh", LocalDate.of(2026, 11, 1), "33-ФЗ, ст. 50"));
        h.desk.runMaintenance();
        h.clock.advance(Duration.ofDays(7));
        h.desk.runMaintenance();

        assertThat(posts(h)).isEmpty();
    }

    @Test
    void oncePostedNotAgainWithinTheWeekButAgainAfterSevenDays() {
        somethingDue(h);
        h.desk.runMaintenance();
        h.clock.advance(Duration.ofMinutes(1));
        h.desk.runMaintenance();
        h.clock.set(MONDAY.plus(Duration.ofDays(7)).minusSeconds(60)); // next Monday 09:59 Moscow
        h.desk.runMaintenance();
        assertThat(posts(h)).hasSize(1);

        h.clock.set(MONDAY.plus(Duration.ofDays(7)));
        h.desk.runMaintenance();
        assertThat(posts(h)).hasSize(2);
    }

    @Test
    void aListThatFillsUpMidWeekIsPostedThenAndNotRepeatedForAWeek() {
        knowledge(h, entry("fresh", LocalDate.of(2026, 11, 1), "33-ФЗ, ст. 50"));
        h.desk.runMaintenance();
        h.clock.advance(Duration.ofDays(2));
        somethingDue(h);
        h.desk.runMaintenance();
        h.clock.advance(Duration.ofDays(5));
        h.desk.runMaintenance();

        assertThat(posts(h)).hasSize(1);
    }

    @Test
    void outsideWorkingHoursTheListWaitsForTheMorning() {
        somethingDue(h);
        h.clock.set(Instant.parse("2026-11-28T09:00:00Z")); // Saturday
        h.desk.runMaintenance();
        assertThat(posts(h)).isEmpty();

        h.clock.set(MONDAY);
        h.desk.runMaintenance();
        assertThat(posts(h)).hasSize(1);
    }

    @Test
    void aRestartWithinTheWeekDoesNotPostAgain() {
        somethingDue(h);
        h.desk.runMaintenance();
        assertThat(posts(h)).hasSize(1);
        h.close();

        DeskHarness restarted = new DeskHarness(dir);
        try {
            restarted.clock.set(MONDAY.plus(Duration.ofDays(3)));
            somethingDue(restarted);
            restarted.desk.runMaintenance();
            assertThat(posts(restarted)).isEmpty();

            restarted.clock.set(MONDAY.plus(Duration.ofDays(7)));
            restarted.desk.runMaintenance();
            assertThat(posts(restarted)).hasSize(1);
        } finally {
            restarted.close();
            h = new DeskHarness(dir); // for @AfterEach
        }
    }
}
