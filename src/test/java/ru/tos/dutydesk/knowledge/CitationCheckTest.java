package ru.tos.dutydesk.knowledge;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CitationCheckTest {
    private static final LawRegistry LAWS = new LawRegistry(List.of(
            new Law("33-ФЗ", "Закон 33", "http://publication.pravo.gov.ru/1", Law.Status.IN_FORCE, null, null, null, List.of()),
            new Law("131-ФЗ", "Закон 131", "http://pravo.gov.ru/2", Law.Status.EXPIRING, LocalDate.of(2028, 1, 1), null,
                    "33-ФЗ", List.of()),
            new Law("ГК РФ", "ГК", "http://pravo.gov.ru/3", Law.Status.IN_FORCE, null, null, null,
                    List.of("Гражданский кодекс РФ"))));
    private static final SourcePolicy POLICY = new SourcePolicy(Map.of("forum", List.of("mybb.ru", "forum"),
            "anonymous", List.of("telegra.ph")), List.of("gov.ru", "garant.ru"), List.of());

    private static List<String> problems(String... sources) {
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            lines.add(10 + i);
        }
        Entry e = new Entry("a", "A", List.of("q"), List.of(), List.of(sources), LocalDate.of(2026, 11, 1), "Ответ.",
                Path.of("faq", "a.md"), lines);
        List<KnowledgeReport.Finding> findings = new ArrayList<>();
        new CitationCheck().check(e, LAWS, POLICY, findings);
        return findings.stream().map(KnowledgeReport.Finding::format).toList();
    }

    @Test
    void registeredLawsInShortAndLongFormPass() {
        assertThat(problems("33-ФЗ, ст. 50, ч. 1", "Гражданский кодекс РФ, ст. 50, п. 3",
                "Федеральный закон от 06.10.2003 № 131-ФЗ, ст. 27")).isEmpty();
    }

    @Test
    void aLawNotInTheRegistryIsAnErrorAtItsLine() {
        assertThat(problems("33-ФЗ, ст. 50", "Федеральный закон от 12.01.1996 № 7-ФЗ, ст. 32", "Жилищный кодекс РФ, ст. 135"))
                .containsExactly(
                        Path.of("faq", "a.md") + ":11: error: cites a law that is not in laws.yml: Федеральный закон от 12.01.1996 № 7-ФЗ, ст. 32",
                        Path.of("faq", "a.md") + ":12: error: cites a law that is not in laws.yml: Жилищный кодекс РФ, ст. 135");
    }

    @Test
    void aNumberInsideALongerOneIsNotThatLaw() {
        assertThat(problems("33-ФЗ, ст. 50", "Федеральный закон № 133-ФЗ")).singleElement().asString()
                .contains(":11:").contains("not in laws.yml");
    }

    @Test
    void anExpiringLawWithoutItsReplacementIsAnError() {
        assertThat(problems("131-ФЗ, ст. 27")).containsExactly(Path.of("faq", "a.md")
                + ":10: error: cites 131-ФЗ, which loses force on 2028-01-01, without 33-ФЗ that replaces it");
        assertThat(problems("131-ФЗ, ст. 27", "33-ФЗ, ст. 50")).isEmpty();
    }

    @Test
    void aWeakSourceIsAnErrorNamingItsKind() {
        assertThat(problems("33-ФЗ, ст. 50", "https://yral.mybb.ru/viewtopic.php?id=21", "https://telegra.ph/x"))
                .containsExactly(
                        Path.of("faq", "a.md") + ":11: error: weak source (forum, listed in sources.yml): https://yral.mybb.ru/viewtopic.php?id=21",
                        Path.of("faq", "a.md") + ":12: error: weak source (anonymous, listed in sources.yml): https://telegra.ph/x");
    }

    @Test
    void anEntryNeedsALawOrAnOfficialSource() {
        assertThat(problems("https://news.example.ru/a")).singleElement().asString()
                .contains("no law and no official source");
        assertThat(problems("Портал — https://www.nalog.gov.ru/rn77/")).isEmpty();
        assertThat(problems("https://base.garant.ru/123/")).isEmpty();
    }
}
