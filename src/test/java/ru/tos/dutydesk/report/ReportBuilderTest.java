package ru.tos.dutydesk.report;

import org.junit.jupiter.api.Test;
import ru.tos.dutydesk.desk.Channel;
import ru.tos.dutydesk.desk.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Edge cases of counting, on facts given directly. */
class ReportBuilderTest {
    static final ReportPeriod NOVEMBER = new ReportPeriod(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30),
            ZoneId.of("Europe/Moscow"));

    private static ReportSource source(List<ConsultationFact> facts, List<Duration> responses) {
        return new ReportSource() {
            @Override
            public List<ConsultationFact> consultations(Instant from, Instant until) {
                return facts;
            }

            @Override
            public List<Duration> firstResponseTimes(Instant from, Instant until) {
                return responses;
            }

            @Override
            public long floodIgnored(Instant from, Instant until) {
                return 0;
            }
        };
    }

    @Test
    void an_empty_period_reports_zeros_and_no_rates_in_every_format() {
        Report r = new ReportBuilder(source(List.of(), List.of()), Map.of("consultations", 50, "trainings", 4), "ТОС", TopicTitles.unknown())
                .build(NOVEMBER, Instant.parse("2026-12-01T09:00:00Z"));

        assertThat(r.consultations()).isZero();
        assertThat(r.unhelpfulRate()).isEmpty();
        assertThat(r.firstResponseMedian()).isEmpty();
        assertThat(r.byMonth()).containsExactly(Map.entry("ноябрь 2026", 0L));
        // a target the report cannot count is shown without a figure, not as zero
        assertThat(r.targets()).containsExactly(new Target("consultations", "Консультации", 0L, 50),
                new Target("trainings", "trainings", null, 4));
        for (ReportFormat f : ReportFormat.values()) {
            assertThat(f.renderer().render(r)).as(f.name()).contains("trainings").doesNotContain("NaN").doesNotContain("null");
        }
    }

    @Test
    void an_unhelpful_bot_answer_left_pending_counts_as_unanswered_and_in_the_rate() {
        Instant at = Instant.parse("2026-11-10T10:00:00Z");
        List<ConsultationFact> facts = List.of(
                new ConsultationFact(1, Channel.TELEGRAM, "a", Outcome.BOT, false, at, null, null),
                new ConsultationFact(1, Channel.TELEGRAM, "a", Outcome.BOT, true, at, null, null),
                new ConsultationFact(2, Channel.VK, "a", Outcome.PENDING, true, at, null, null),
                new ConsultationFact(3, Channel.VK, null, Outcome.CONSULTANT, false, at, "другой", null));
        Report r = new ReportBuilder(source(facts, List.of()), Map.of(), "ТОС", TopicTitles.unknown())
                .build(NOVEMBER, Instant.parse("2026-12-01T09:00:00Z"));

        assertThat(r.byOutcome()).containsEntry(Report.BOT, 1L).containsEntry(Report.UNANSWERED, 2L)
                .containsEntry(Report.CONSULTANT, 1L);
        assertThat(r.unhelpful()).isEqualTo(2);
        assertThat(r.botAnswered()).isEqualTo(3);
        assertThat(r.participants()).isEqualTo(3);
        assertThat(r.districtsCovered()).as("«другой» names no district").isEmpty();
    }

    @Test
    void percentiles_are_measured_values_by_nearest_rank() {
        List<Duration> four = List.of(Duration.ofMinutes(40), Duration.ofMinutes(10), Duration.ofMinutes(30),
                Duration.ofMinutes(20));
        assertThat(Percentile.of(four, 0.5)).contains(Duration.ofMinutes(20));
        assertThat(Percentile.of(four, 0.9)).contains(Duration.ofMinutes(40));
        assertThat(Percentile.of(List.of(Duration.ofSeconds(5)), 0.9)).contains(Duration.ofSeconds(5));
        assertThat(Percentile.of(List.of(), 0.5)).isEmpty();
    }

    @Test
    void a_period_that_ends_before_it_starts_is_refused() {
        assertThatThrownBy(() -> new ReportPeriod(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 11, 1), ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
    }
}
