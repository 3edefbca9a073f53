package ru.tos.dutydesk.knowledge;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LawsParserTest {
    private static final Path FILE = Path.of("faq", "laws.yml");

    private static List<String> problems(String yaml) {
        List<KnowledgeException> found = new ArrayList<>();
        new LawsParser().parse(FILE, yaml, found);
        return found.stream().map(KnowledgeException::getMessage).toList();
    }

    @Test
    void readsLawsWithStatusDatesAndAliases() {
        List<KnowledgeException> found = new ArrayList<>();
        LawRegistry r = new LawsParser().parse(FILE, """
                laws:
                  - id: 33-ФЗ
                    title: Закон 33
                    link: http://publication.pravo.gov.ru/document/1
                    status: in-force
                  - id: 131-ФЗ
                    title: Закон 131
                    link: http://pravo.gov.ru/2
                    status: expiring
                    until: 2028-01-01
                    replaced-by: 33-ФЗ
                    aliases: [Федеральный закон № 131-ФЗ]
                """, found);
        assertThat(found).isEmpty();
        assertThat(r.law("131-ФЗ")).hasValueSatisfying(l -> {
            assertThat(l.status()).isEqualTo(Law.Status.EXPIRING);
            assertThat(l.until()).hasToString("2028-01-01");
            assertThat(l.replacedBy()).isEqualTo("33-ФЗ");
        });
    }

    @Test
    void eachWrongValueIsReportedAtItsLine() {
        assertThat(problems("""
                laws:
                  - id: 33-ФЗ
                    title: Закон 33
                    link: pravo
                    status: valid
                  - id: 131-ФЗ
                    title: Закон 131
                    link: http://pravo.gov.ru/2
                    status: expiring
                    until: 1 января
                    replaced-by: 34-ФЗ
                """)).containsExactly(
                FILE + ":4: link must be an http(s) address",
                FILE + ":5: status 'valid' is not one of in-force, expiring, repealed",
                FILE + ":10: 'until' must be a date like 2028-01-01",
                FILE + ":11: replaced-by '34-ФЗ' is not a law of this file");
    }

    @Test
    void malformedYamlNamesTheLine() {
        assertThat(problems("laws:\n  - id: [unclosed\n")).singleElement().asString().startsWith(FILE + ":");
    }

    @Test
    void aLawWithoutATitleIsAnErrorAtItsItem() {
        assertThat(problems("""
                laws:
                  - id: 7-ФЗ
                    title: НКО
                    link: http://pravo.gov.ru/7
                    status: in-force
                  - id: 7-ФЗ
                    link: http://pravo.gov.ru/7
                    status: in-force
                """)).containsExactly(FILE + ":6: law without 'title'");
    }
}
