package ru.tos.dutydesk.config;

import org.junit.jupiter.api.Test;

import java.time.Period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** knowledge.review-every is written out, since "m" already means minutes in the config's durations. */
class ReviewPeriodTest {
    @Test
    void daysMonthsAndYearsAreReadInSingularOrPlural() {
        assertThat(ConfigLoader.parsePeriod("12 months")).isEqualTo(Period.ofMonths(12));
        assertThat(ConfigLoader.parsePeriod("1 month")).isEqualTo(Period.ofMonths(1));
        assertThat(ConfigLoader.parsePeriod("180 days")).isEqualTo(Period.ofDays(180));
        assertThat(ConfigLoader.parsePeriod(" 1 Year ")).isEqualTo(Period.ofYears(1));
    }

    @Test
    void shortFormsAndZeroAreRefused() {
        assertThatThrownBy(() -> ConfigLoader.parsePeriod("12m")).hasMessageContaining("'m' means minutes");
        assertThatThrownBy(() -> ConfigLoader.parsePeriod("365d")).hasMessageContaining("not a period like 12 months");
        assertThatThrownBy(() -> ConfigLoader.parsePeriod("0 days")).hasMessageContaining("more than zero");
    }
}
