package ru.tos.dutydesk.knowledge;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SourceSummaryTest {
    private static final LawRegistry LAWS = new LawRegistry(List.of(
            law("33-ФЗ", List.of()),
            law("131-ФЗ", List.of("Федеральный закон от 06.10.2003 № 131-ФЗ")),
            law("ГК РФ", List.of("Гражданский кодекс РФ"))));

    private static Law law(String id, List<String> aliases) {
        return new Law(id, "Закон " + id, "http://pravo.gov.ru/", Law.Status.IN_FORCE, (LocalDate) null, null, null, aliases);
    }

    @Test
    void aLawCitedPartByPartIsShownOnceWithItsPartsTogether() {
        String line = SourceSummary.of(List.of(
                "131-ФЗ, ст. 27, ч. 6",
                "Федеральный закон от 06.10.2003 № 131-ФЗ, ст. 27, ч. 9",
                "131-ФЗ, ст. 27, ч. 11",
                "33-ФЗ, ст. 50"), LAWS, 3);

        assertThat(line).isEqualTo("131-ФЗ, ст. 27, ч. 6, 9, 11; 33-ФЗ, ст. 50");
    }

    @Test
    void lawsComeFirstPagesByTitleAndNoMoreThanTheLimit() {
        String line = SourceSummary.of(List.of(
                "Минюст России, регистрация НКО — https://minjust.gov.ru/ru/pages/registraciya-nko/some/very/long/path",
                "33-ФЗ, ст. 50",
                "https://www.nalog.gov.ru/rn77/about_fts/",
                "Гражданский кодекс РФ, ст. 50, п. 3",
                "131-ФЗ, ст. 26.1"), LAWS, 3);

        assertThat(line).isEqualTo("33-ФЗ, ст. 50; ГК РФ, ст. 50, п. 3; 131-ФЗ, ст. 26.1");
        assertThat(SourceSummary.of(List.of("33-ФЗ, ст. 50",
                "Минюст России — https://minjust.gov.ru/ru/pages/x", "https://www.nalog.gov.ru/rn77/"), LAWS, 3))
                .isEqualTo("33-ФЗ, ст. 50; Минюст России; nalog.gov.ru");
    }

    @Test
    void articlesOfOneLawAreJoinedAndPointsKeptAsWritten() {
        assertThat(SourceSummary.of(List.of("131-ФЗ, ст. 27, ч. 9, п. 4", "131-ФЗ, ст. 26.1, ч. 2", "131-ФЗ, ст. 27, ч. 7"),
                LAWS, 3)).isEqualTo("131-ФЗ, ст. 27, ч. 7, ч. 9, п. 4 и ст. 26.1, ч. 2");
    }
}
