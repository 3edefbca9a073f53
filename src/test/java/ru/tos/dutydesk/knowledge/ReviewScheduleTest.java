package ru.tos.dutydesk.knowledge;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewScheduleTest {
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    /** 2026-12-06 in Moscow, 2026-12-05 in UTC: "today" must be the desk's date. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T22:30:00Z"), ZoneOffset.UTC);

    private static Law law(String id, Law.Status status, LocalDate until, LocalDate since) {
        return new Law(id, id, "http://pravo.gov.ru/" + id, status, until, since, status == Law.Status.IN_FORCE ? null : "33-ФЗ",
                List.of());
    }

    private static final LawRegistry LAWS = new LawRegistry(List.of(
            law("33-ФЗ", Law.Status.IN_FORCE, null, null),
            law("131-ФЗ", Law.Status.EXPIRING, LocalDate.of(2027, 3, 1), null),
            law("99-ФЗ", Law.Status.EXPIRING, LocalDate.of(2027, 6, 1), null),
            law("55-ФЗ", Law.Status.REPEALED, null, LocalDate.of(2026, 1, 1))));

    private static Entry entry(String id, LocalDate reviewed, String... sources) {
        return new Entry(id, "Вопрос " + id, List.of("q"), List.of(), List.of(sources), reviewed, "Ответ.",
                Path.of("faq", "g", id + ".md"));
    }

    private static List<String> due(Period every, Entry... entries) {
        KnowledgeBase kb = new KnowledgeBase(List.of(entries), Synonyms.none(), List.of(), LAWS, SourcePolicy.none());
        ReviewSchedule schedule = new ReviewSchedule(every, CLOCK, MOSCOW);
        return schedule.due(kb).stream().map(d -> d.entry().id() + ": " + d.why(schedule.today())).toList();
    }

    @Test
    void todayIsTheDateInTheDesksTimezone() {
        assertThat(new ReviewSchedule(Period.ofMonths(12), CLOCK, MOSCOW).today()).isEqualTo(LocalDate.of(2026, 12, 6));
    }

    @Test
    void anEntryReviewedLongerAgoThanThePeriodIsDueWithItsAge() {
        assertThat(due(Period.ofMonths(12),
                entry("old", LocalDate.of(2025, 10, 1), "33-ФЗ, ст. 50"),
                entry("exactly-a-year", LocalDate.of(2025, 12, 6), "33-ФЗ, ст. 50"),
                entry("a-day-short", LocalDate.of(2025, 12, 7), "33-ФЗ, ст. 50"),
                entry("fresh", LocalDate.of(2026, 11, 1), "33-ФЗ, ст. 50")))
                .containsExactly("old: reviewed 2025-10-01, 14 months ago",
                        "exactly-a-year: reviewed 2025-12-06, 12 months ago");
    }

    @Test
    void aShortPeriodInDaysCountsDays() {
        assertThat(due(Period.ofDays(20), entry("a", LocalDate.of(2026, 11, 10), "33-ФЗ, ст. 50")))
                .containsExactly("a: reviewed 2026-11-10, 26 days ago");
    }

    @Test
    void anEntryWithoutAReviewedDateIsDue() {
        assertThat(due(Period.ofMonths(12), entry("a", null, "33-ФЗ, ст. 50"))).containsExactly("a: no 'reviewed' date");
    }

    @Test
    void aLawChangingWithinNinetyDaysOrAlreadyChangedMakesItsEntriesDue() {
        assertThat(due(Period.ofMonths(12),
                entry("soon", LocalDate.of(2026, 11, 1), "131-ФЗ, ст. 27", "33-ФЗ, ст. 50", "Федеральный закон 131-ФЗ"),
                entry("later", LocalDate.of(2026, 11, 1), "99-ФЗ, ст. 1", "33-ФЗ, ст. 50"),
                entry("gone", LocalDate.of(2026, 11, 1), "55-ФЗ, ст. 2", "33-ФЗ, ст. 50")))
                .containsExactly(
                        "soon: cites 131-ФЗ, which loses force on 2027-03-01 (in 85 days); replaced by 33-ФЗ",
                        "gone: cites 55-ФЗ, which lost force on 2026-01-01; replaced by 33-ФЗ");
    }

    @Test
    void anEntryBothOldAndCitingAChangingLawIsListedForEachReason() {
        assertThat(due(Period.ofMonths(12), entry("both", LocalDate.of(2024, 12, 1), "131-ФЗ, ст. 27")))
                .containsExactly("both: reviewed 2024-12-01, 24 months ago",
                        "both: cites 131-ФЗ, which loses force on 2027-03-01 (in 85 days); replaced by 33-ФЗ");
    }

    @Test
    void nothingIsDueWhenEveryEntryIsFreshAndItsLawsStay() {
        assertThat(due(Period.ofMonths(12),
                entry("a", LocalDate.of(2026, 6, 1), "33-ФЗ, ст. 50"),
                entry("b", LocalDate.of(2026, 11, 30), "99-ФЗ, ст. 1", "33-ФЗ"))).isEmpty();
    }

    @Test
    void aPeriodOfZeroIsRefused() {
        assertThatThrownBy(() -> new ReviewSchedule(Period.ZERO, CLOCK, MOSCOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
